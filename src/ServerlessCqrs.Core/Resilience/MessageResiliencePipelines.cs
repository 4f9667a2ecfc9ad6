using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Registry;
using Polly.Retry;
using Polly.Telemetry;
using ServerlessCqrs.Pipeline;
using ServerlessCqrs.Pipeline.Behaviors;

namespace ServerlessCqrs.Resilience;

/// <summary>Key of a message type's pipeline in Polly's registry (its own type, so it never collides with yours).</summary>
internal readonly record struct MessagePipelineKey(string MessageName);

/// <summary>
/// One Polly pipeline per message type, built on first use from <see cref="MessageResilienceOptions"/>
/// and rebuilt when the configuration changes. The registry is the kernel's own, so its telemetry
/// settings — results never logged, routine attempts at Debug — do not touch the application's pipelines.
/// </summary>
internal sealed class MessageResiliencePipelines : IDisposable, IAsyncDisposable
{
    public static readonly ResiliencePropertyKey<MessageContext> MessageContextKey = new("ServerlessCqrs.MessageContext");

    private readonly ResiliencePipelineRegistry<MessagePipelineKey> _registry;
    private readonly IOptionsMonitor<MessageResilienceOptions> _options;
    private readonly ITransientErrorClassifier _classifier;
    private readonly ILogger[] _loggers;

    public MessageResiliencePipelines(
        IOptionsMonitor<MessageResilienceOptions> options,
        ITransientErrorClassifier classifier,
        IOptions<TelemetryOptions> telemetry,
        ILoggerFactory loggerFactory)
    {
        _options = options;
        _classifier = classifier;
        _loggers = [.. PipelineLog.Categories.Select(loggerFactory.CreateLogger)];
        var ownTelemetry = new TelemetryOptions(telemetry.Value)
        {
            LoggerFactory = loggerFactory,
            ResultFormatter = static (_, result) => result is IMessageResult r ? r.Error?.Code ?? "success" : null,
            SeverityProvider = static args => args.Event.EventName is "ExecutionAttempt" or "PipelineExecuted" or "OnRetry"
                && args.Event.Severity <= ResilienceEventSeverity.Warning
                    ? ResilienceEventSeverity.Debug
                    : args.Event.Severity,
        };
        _registry = new ResiliencePipelineRegistry<MessagePipelineKey>(new ResiliencePipelineRegistryOptions<MessagePipelineKey>
        {
            BuilderFactory = () => new ResiliencePipelineBuilder().ConfigureTelemetry(ownTelemetry),
            BuilderNameFormatter = static key => key.MessageName,
        });
    }

    public ResiliencePipeline For(string messageName) =>
        _registry.GetOrAddPipeline(new MessagePipelineKey(messageName), (builder, context) =>
        {
            context.EnableReloads(_options, messageName);
            Configure(builder, _options.Get(messageName));
        });

    public void Dispose() => _registry.Dispose();

    public ValueTask DisposeAsync() => _registry.DisposeAsync();

    private void Configure(ResiliencePipelineBuilder builder, MessageResilienceOptions settings)
    {
        if (settings.TotalTimeout > TimeSpan.Zero)
        {
            builder.AddTimeout(settings.TotalTimeout);
        }

        if (settings.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = settings.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = settings.UseJitter,
                Delay = settings.BaseDelay,
                MaxDelay = settings.MaxDelay,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome)),
                OnRetry = args =>
                {
                    OnRetry(args.Context, args.AttemptNumber, args.Outcome, args.RetryDelay);
                    return default;
                },
            });
        }

        if (settings.AttemptTimeout > TimeSpan.Zero)
        {
            builder.AddTimeout(settings.AttemptTimeout);
        }
    }

    /// <summary>Retry on transient exceptions and on optimistic-concurrency results (the handler reloads).</summary>
    private bool ShouldRetry(Outcome<object> outcome) => outcome.Exception is { } exception
        ? _classifier.IsTransient(exception)
        : outcome.Result is IMessageResult { Error.Kind: ErrorKind.Concurrency };

    private void OnRetry(ResilienceContext resilienceContext, int failedAttemptIndex, Outcome<object> outcome, TimeSpan delay)
    {
        if (!resilienceContext.Properties.TryGetValue(MessageContextKey, out var context))
        {
            return;
        }

        // AttemptNumber counts from 0 for the attempt that just failed; the next one is +2 in 1-based terms.
        context.Attempt = failedAttemptIndex + 2;
        var errorCode = outcome.Exception?.GetType().Name ?? (outcome.Result as IMessageResult)?.Error?.Code ?? "unknown";
        PipelineLog.Retrying(_loggers[(int)context.Message.Kind], BusNames.Of(context.Message.Kind), context.Message.Name,
            context.MessageId, context.HandlerName, failedAttemptIndex + 1, errorCode, delay.TotalMilliseconds);
    }
}
