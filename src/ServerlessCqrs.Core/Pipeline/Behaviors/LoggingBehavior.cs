using Microsoft.Extensions.Logging;
using ServerlessCqrs.Caching;
using ServerlessCqrs.Diagnostics;

namespace ServerlessCqrs.Pipeline.Behaviors;

/// <summary>One structured log record per message: handled, rejected (expected failure) or failed; in a scope with the caller's ids.</summary>
internal sealed class LoggingBehavior<TMessage, TResponse>(ILoggerFactory loggerFactory, TimeProvider timeProvider)
    : IMessageBehavior<TMessage, TResponse>
    where TMessage : notnull
    where TResponse : IMessageResult<TResponse>
{
    private readonly ILogger[] _loggers = [.. PipelineLog.Categories.Select(loggerFactory.CreateLogger)];

    public async ValueTask<TResponse> HandleAsync(
        TMessage message, MessageContext context, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var descriptor = context.Message;
        var logger = _loggers[(int)descriptor.Kind];
        var bus = BusNames.Of(descriptor.Kind);

        // The caller's tenant and user ids on every record the message writes, the handler's too.
        using var callerScope = context.Caller.LogScope is { } fields ? logger.BeginScope(fields) : null;
        // Failures log at Error, the rest at Information: with neither on, no clock is read.
        long? started = logger.IsEnabled(LogLevel.Error) ? timeProvider.GetTimestamp() : null;
        try
        {
            var response = await next(message, context, cancellationToken).ConfigureAwait(false);
            if (!logger.IsEnabled(LogLevel.Information))
            {
                return response;
            }

            var elapsed = MillisecondsSince(started);
            if (response.Error is { } error)
            {
                var status = CqrsDiagnostics.Outcomes.For(error.Kind);
                PipelineLog.Rejected(logger, bus, descriptor.Name, context.MessageId, context.HandlerName, elapsed,
                    status, error.Code, context.RetryCount);
            }
            else if (descriptor.Kind == MessageKind.Query)
            {
                // A stale result served is a hit too: the handler did not run for this caller.
                var cacheHit = context.FeatureOrDefault<QueryCacheStatus>() is { IsHit: true };
                PipelineLog.QueryHandled(logger, bus, descriptor.Name, context.MessageId, context.HandlerName, elapsed,
                    CqrsDiagnostics.Outcomes.Success, cacheHit, context.RetryCount);
            }
            else
            {
                PipelineLog.Handled(logger, bus, descriptor.Name, context.MessageId, context.HandlerName, elapsed,
                    CqrsDiagnostics.Outcomes.Success, context.RetryCount);
            }

            return response;
        }
        catch (Exception exception)
        {
            PipelineLog.Failed(logger, exception, bus, descriptor.Name, context.MessageId, context.HandlerName,
                MillisecondsSince(started), exception.GetType().Name, context.RetryCount);
            throw;
        }
    }

    private double MillisecondsSince(long? started) => started is { } at ? timeProvider.GetElapsedTime(at).TotalMilliseconds : 0;
}
