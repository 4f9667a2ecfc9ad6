using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Registry;
using Polly.Retry;
using Polly.Telemetry;
using Polly.Timeout;
using ServerlessCqrs.Pipeline;
using ServerlessCqrs.Pipeline.Behaviors;

namespace ServerlessCqrs.Resilience;

/// <summary>Key of a message type's pipeline in Polly's registry (its own type, so it never collides with yours).</summary>
internal readonly record struct MessagePipelineKey(string MessageName);

/// <summary>
/// One <see cref="MessageResilience"/> per message type, built on first use from
/// <see cref="MessageResilienceOptions"/> and following configuration changes. Its Polly pipeline runs
/// the retries after a first attempt that failed transiently, so its total timeout counts from when
/// that attempt's time started to count (see <see cref="AttemptDeadline"/>). The registry is the kernel's own, so its telemetry settings — results never
/// logged, routine attempts at Debug — do not touch the application's pipelines.
/// </summary>
internal sealed class MessageResiliencePipelines : IDisposable, IAsyncDisposable
{
    public static readonly ResiliencePropertyKey<MessageContext> MessageContextKey = new("ServerlessCqrs.MessageContext");

    /// <summary>When the first attempt's time started to count (a <see cref="TimeProvider.System"/> timestamp).</summary>
    public static readonly ResiliencePropertyKey<long> StartedAtKey = new("ServerlessCqrs.StartedAt");

    private readonly ConcurrentDictionary<string, MessageResilience> _byMessage = new(StringComparer.Ordinal);
    private readonly IDisposable? _settingsChanged;

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
        _settingsChanged = options.OnChange((settings, name) =>
        {
            if (name is not null && _byMessage.TryGetValue(name, out var resilience))
            {
                resilience.Settings = settings;
            }
        });
    }

    public MessageResilience For(string messageName) =>
        _byMessage.GetOrAdd(messageName, name => new MessageResilience(
            _registry.GetOrAddPipeline(new MessagePipelineKey(name), (builder, context) =>
            {
                context.EnableReloads(_options, name);
                Configure(builder, _options.Get(name));
            }),
            _options.Get(name)));

    /// <summary>Whether a failed attempt is worth another: a transient exception, or an optimistic-concurrency result (the handler reloads).</summary>
    public bool ShouldRetry(Exception exception) => _classifier.IsTransient(exception);

    /// <inheritdoc cref="ShouldRetry(Exception)"/>
    public static bool ShouldRetry(IMessageResult result) => result.Error?.Kind == ErrorKind.Concurrency;

    public void Dispose()
    {
        _settingsChanged?.Dispose();
        _registry.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        _settingsChanged?.Dispose();
        return _registry.DisposeAsync();
    }

    private void Configure(ResiliencePipelineBuilder builder, MessageResilienceOptions settings)
    {
        if (settings.TotalTimeout > TimeSpan.Zero)
        {
            var total = settings.TotalTimeout;
            builder.AddTimeout(new TimeoutStrategyOptions { TimeoutGenerator = args => ValueTask.FromResult(RemainingOf(total, args.Context)) });
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

    private bool ShouldRetry(Outcome<object> outcome) => outcome.Exception is { } exception
        ? ShouldRetry(exception)
        : outcome.Result is IMessageResult result && ShouldRetry(result);

    // What the first attempt left of the total; a spent budget still times out (the smallest timeout Polly applies).
    private static TimeSpan RemainingOf(TimeSpan total, ResilienceContext context)
    {
        var elapsed = context.Properties.TryGetValue(StartedAtKey, out var startedAt)
            ? TimeProvider.System.GetElapsedTime(startedAt)
            : TimeSpan.Zero;
        return total - elapsed is var remaining && remaining > TimeSpan.Zero ? remaining : TimeSpan.FromTicks(1);
    }

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
