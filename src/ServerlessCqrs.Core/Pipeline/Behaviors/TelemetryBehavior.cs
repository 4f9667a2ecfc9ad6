using System.Diagnostics;
using ServerlessCqrs.Caching;
using ServerlessCqrs.Diagnostics;
using ServerlessCqrs.Registry;

namespace ServerlessCqrs.Pipeline.Behaviors;

/// <summary>
/// Outermost default behavior: a span per message (kind, type, handler, outcome, retries, cache
/// outcome, <c>error.type</c>), the duration histogram and the message counters (commands, queries
/// by cache outcome, event handler runs, command retries). Reads no clock when nobody listens. The cache
/// outcome is the <see cref="QueryCacheStatus"/> the caching behavior left in the dispatch's features.
/// </summary>
internal sealed class TelemetryBehavior<TMessage, TResponse>(CqrsMetrics metrics, TimeProvider timeProvider, MessageRegistry registry)
    : IMessageBehavior<TMessage, TResponse>
    where TMessage : notnull
    where TResponse : IMessageResult<TResponse>
{
    private readonly string _spanName = SpanNameOf(registry.GetByType(typeof(TMessage)));

    public async ValueTask<TResponse> HandleAsync(
        TMessage message, MessageContext context, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var descriptor = context.Message;
        using var activity = CqrsDiagnostics.ActivitySource.StartActivity(_spanName);
        long? started = metrics.DurationOf(descriptor.Kind).Enabled ? timeProvider.GetTimestamp() : null;
        var outcome = CqrsDiagnostics.Outcomes.Fault;
        string? errorType = null;
        try
        {
            var response = await next(message, context, cancellationToken).ConfigureAwait(false);
            outcome = response.Error is { } error ? CqrsDiagnostics.Outcomes.For(error.Kind) : CqrsDiagnostics.Outcomes.Success;
            return response;
        }
        catch (Exception exception)
        {
            errorType = exception.GetType().FullName;
            activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            throw;
        }
        finally
        {
            Record(context, outcome, errorType, started is { } at ? timeProvider.GetElapsedTime(at).TotalMilliseconds : 0);
            if (activity is { IsAllDataRequested: true })
            {
                activity.SetTag(CqrsDiagnostics.Tags.MessageKind, BusNames.Of(descriptor.Kind));
                activity.SetTag(CqrsDiagnostics.Tags.MessageType, descriptor.Name);
                activity.SetTag(CqrsDiagnostics.Tags.Handler, context.HandlerName);
                activity.SetTag(CqrsDiagnostics.Tags.Outcome, outcome);
                activity.SetTag(CqrsDiagnostics.Tags.RetryCount, context.RetryCount);
                activity.SetTag(CqrsDiagnostics.Tags.EventId, context.MessageId);
                activity.SetTag(CqrsDiagnostics.Tags.ErrorType, errorType);
                if (CacheStatusOf(context) is { } cache)
                {
                    activity.SetTag(CqrsDiagnostics.Tags.CacheOutcome, cache.Outcome.ToTagValue());
                    activity.SetTag(CqrsDiagnostics.Tags.CacheFailSafe, cache.FailSafe ? true : null);
                }
            }
        }
    }

    private void Record(MessageContext context, string outcome, string? errorType, double milliseconds)
    {
        var kind = context.Message.Kind;
        var histogram = metrics.DurationOf(kind);
        var counter = metrics.CountOf(kind);
        if (!histogram.Enabled && !counter.Enabled && !metrics.CommandRetries.Enabled)
        {
            return;
        }

        var tags = new TagList
        {
            { CqrsDiagnostics.Tags.MessageType, context.Message.Name },
            { CqrsDiagnostics.Tags.Outcome, outcome },
        };
        if (context.Message.Kind == MessageKind.Event)
        {
            tags.Add(CqrsDiagnostics.Tags.Handler, context.HandlerName);
        }

        if (errorType is not null)
        {
            tags.Add(CqrsDiagnostics.Tags.ErrorType, errorType);
        }

        histogram.Record(milliseconds, tags);
        if (kind == MessageKind.Query)
        {
            tags.Add(CqrsDiagnostics.Tags.CacheOutcome, CacheStatusOf(context)?.Outcome.ToTagValue() ?? CqrsDiagnostics.CacheOutcomes.None);
        }

        counter.Add(1, tags);
        if (kind == MessageKind.Command && context.RetryCount > 0)
        {
            metrics.CommandRetries.Add(context.RetryCount, new KeyValuePair<string, object?>(CqrsDiagnostics.Tags.MessageType, context.Message.Name));
        }
    }

    private static QueryCacheStatus? CacheStatusOf(MessageContext context) =>
        context.Message.Kind == MessageKind.Query ? context.FeatureOrDefault<QueryCacheStatus>() : null;

    private static string SpanNameOf(MessageDescriptor descriptor) => CqrsDiagnostics.SpanNames.ForMessage(descriptor.Kind, descriptor.Name);
}
