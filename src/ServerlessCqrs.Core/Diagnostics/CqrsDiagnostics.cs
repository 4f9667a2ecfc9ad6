using System.Diagnostics;

namespace ServerlessCqrs.Diagnostics;

/// <summary>
/// Every telemetry name the kernel emits: the ActivitySource and Meter, instrument names and units,
/// span names and tag keys. Nothing else spells them, so exporters, dashboards and alerts can be
/// generated from here and cannot drift from what is emitted.
/// </summary>
#pragma warning disable CA1034 // Nested groups keep the names discoverable: CqrsDiagnostics.Tags.Outcome.
public static class CqrsDiagnostics
{
    /// <summary>Name of the <see cref="ActivitySource"/> all kernel spans come from.</summary>
    public const string ActivitySourceName = "ServerlessCqrs";

    /// <summary>Name of the Meter all kernel instruments belong to.</summary>
    public const string MeterName = "ServerlessCqrs";

    /// <summary>The source of every span ServerlessCqrs starts, in the kernel and in the hosts.</summary>
    public static ActivitySource ActivitySource { get; } =
        new(ActivitySourceName, typeof(CqrsDiagnostics).Assembly.GetName().Version?.ToString());

    /// <summary>Log categories of the per-message records; exporters route each to its own stream.</summary>
    public static class LogCategories
    {
        /// <summary>One record per command.</summary>
        public const string Commands = "ServerlessCqrs.Commands";

        /// <summary>One record per query.</summary>
        public const string Queries = "ServerlessCqrs.Queries";

        /// <summary>One record per event handler run, and the dispatcher's retries and dead letters.</summary>
        public const string Events = "ServerlessCqrs.Events";
    }

    /// <summary>Log fields added around a request's messages as a logging scope, when the request carries them.</summary>
    public static class LogScopeFields
    {
        /// <summary>The caller's tenant.</summary>
        public const string TenantId = "tenantId";

        /// <summary>The caller's user (an id, never a name or address).</summary>
        public const string UserId = "userId";
    }

    /// <summary>
    /// Fields of the records in the <see cref="LogCategories"/>, as the records name them (the plan's names;
    /// the log message templates spell them, and a test holds the two equal). Payloads are never logged.
    /// </summary>
    public static class LogFields
    {
        /// <summary><c>command</c>, <c>query</c> or <c>event</c>.</summary>
        public const string Bus = "bus";

        /// <summary>The message's wire name.</summary>
        public const string Type = "type";

        /// <summary>The message or event id, when it has one.</summary>
        public const string Id = "id";

        /// <summary>The handler's name.</summary>
        public const string Handler = "handler";

        /// <summary>Handling time in milliseconds.</summary>
        public const string DurationMs = "durationMs";

        /// <summary>How the message ended: an <see cref="Outcomes"/> value.</summary>
        public const string Status = "status";

        /// <summary>Retries made before the final attempt.</summary>
        public const string RetryCount = "retryCount";

        /// <summary>The error's code (an expected failure) or the exception's type (a fault).</summary>
        public const string ErrorCode = "errorCode";

        /// <summary>Whether a query was answered from the cache (fresh or stale).</summary>
        public const string CacheHit = "cacheHit";

        /// <summary>The attempt that failed, on a retry record.</summary>
        public const string Attempt = "attempt";

        /// <summary>The wait before the next attempt in milliseconds, on a retry record.</summary>
        public const string DelayMs = "delayMs";

        /// <summary>The event's delivery, starting at 1, on the dispatcher's redelivery and dead-letter records.</summary>
        public const string DeliveryAttempt = "deliveryAttempt";

        /// <summary>Why an event was dead-lettered (a <c>DeadLetterReason</c> name); only dead-letter records carry it.</summary>
        public const string Reason = "reason";

        /// <summary>What went wrong, on the dispatcher's redelivery and dead-letter records.</summary>
        public const string Description = "description";

        /// <summary>The fields every bus's per-message records carry (<see cref="Attempt"/> and <see cref="DelayMs"/> on retries only).</summary>
        public static IReadOnlyList<string> OfMessages { get; } = [Bus, Type, Id, Handler, DurationMs, Status, RetryCount, ErrorCode, Attempt, DelayMs];

        /// <summary>The fields only query records carry.</summary>
        public static IReadOnlyList<string> OfQueries { get; } = [CacheHit];

        /// <summary>The fields only the event dispatcher's records carry.</summary>
        public static IReadOnlyList<string> OfEventDeliveries { get; } = [DeliveryAttempt, Reason, Description];
    }

    /// <summary>Instrument names (OpenTelemetry style: dotted, unit separate).</summary>
    public static class Instruments
    {
        /// <summary>Histogram of command handling time, by message type and outcome.</summary>
        public const string CommandDuration = "cqrs.command.duration";

        /// <summary>Histogram of query handling time, by message type and outcome.</summary>
        public const string QueryDuration = "cqrs.query.duration";

        /// <summary>Histogram of event handling time, by event type, handler and outcome.</summary>
        public const string EventHandleDuration = "cqrs.event.handle.duration";

        /// <summary>Counter of commands handled, by message type and outcome.</summary>
        public const string Commands = "cqrs.commands";

        /// <summary>Counter of retries commands needed, by message type.</summary>
        public const string CommandRetries = "cqrs.command.retries";

        /// <summary>Counter of queries answered, by message type, outcome and cache outcome.</summary>
        public const string Queries = "cqrs.queries";

        /// <summary>Counter of events handed to the transport, by event type.</summary>
        public const string EventsPublished = "cqrs.events.published";

        /// <summary>Counter of event handler runs, by event type, handler and outcome.</summary>
        public const string EventsHandled = "cqrs.events.handled";

        /// <summary>Counter of events dead-lettered, by event type and reason.</summary>
        public const string EventsDeadLettered = "cqrs.events.dead_lettered";

        /// <summary>Counter of cached-query lookups, by query type and <see cref="Tags.CacheOutcome"/>.</summary>
        public const string QueryCacheRequests = "cqrs.query.cache.requests";

        /// <summary>Counter of fail-safe activations: a handler failed and an older cached result was served, by query type.</summary>
        public const string QueryCacheFailSafeActivations = "cqrs.query.cache.fail_safe.activations";

        /// <summary>Counter of process instances started, by <see cref="Tags.Process"/>.</summary>
        public const string ProcessesStarted = "cqrs.processes.started";

        /// <summary>Counter of process instances completed, by <see cref="Tags.Process"/>.</summary>
        public const string ProcessesCompleted = "cqrs.processes.completed";

        /// <summary>Counter of timeouts that came due and were handled, by <see cref="Tags.Process"/> and <see cref="Tags.ProcessTimeout"/>.</summary>
        public const string ProcessesTimedOut = "cqrs.processes.timed_out";

        /// <summary>Counter of timeouts that arrived after they were cancelled or superseded and were ignored, by <see cref="Tags.Process"/>.</summary>
        public const string ProcessTimeoutsStale = "cqrs.process.timeouts.stale";

        /// <summary>Gauge of timeouts past their due time by more than the grace period, as the last audit counted them.</summary>
        public const string ProcessTimeoutsOverdue = "cqrs.process.timeouts.overdue";
    }

    /// <summary>Units of the instruments.</summary>
    public static class Units
    {
        /// <summary>Milliseconds, the unit of every duration histogram.</summary>
        public const string Milliseconds = "ms";

        /// <summary>Cache lookups.</summary>
        public const string Requests = "{request}";

        /// <summary>Fail-safe activations.</summary>
        public const string Activations = "{activation}";

        /// <summary>Commands.</summary>
        public const string Commands = "{command}";

        /// <summary>Retries.</summary>
        public const string Retries = "{retry}";

        /// <summary>Queries.</summary>
        public const string Queries = "{query}";

        /// <summary>Events, or event handler runs.</summary>
        public const string Events = "{event}";

        /// <summary>Process instances.</summary>
        public const string Processes = "{process}";

        /// <summary>Process timeouts.</summary>
        public const string Timeouts = "{timeout}";
    }

    /// <summary>Span names. Message names are low-cardinality (a fixed set of types).</summary>
    public static class SpanNames
    {
        /// <summary>The span around one command, query or event handler: <c>command CreateOrder</c>.</summary>
        public static string ForMessage(MessageKind kind, string messageName) => kind switch
        {
            MessageKind.Command => "command " + messageName,
            MessageKind.Query => "query " + messageName,
            _ => "event " + messageName,
        };

        /// <summary>The consumer span around one delivered event: <c>process orders-events</c>.</summary>
        public static string Process(string destination) => "process " + destination;

        /// <summary>The producer span around one send to the transport: <c>send cqrs-events</c>.</summary>
        public static string Send(string destination) => "send " + destination;
    }

    /// <summary>Tag (attribute) keys on spans and metrics.</summary>
    public static class Tags
    {
        /// <summary><c>command</c>, <c>query</c> or <c>event</c>.</summary>
        public const string MessageKind = "cqrs.message.kind";

        /// <summary>The message's wire name.</summary>
        public const string MessageType = "cqrs.message.type";

        /// <summary>The handler's name.</summary>
        public const string Handler = "cqrs.handler";

        /// <summary>A process manager's name.</summary>
        public const string Process = "cqrs.process";

        /// <summary>The name of a process's timeout message.</summary>
        public const string ProcessTimeout = "cqrs.process.timeout";

        /// <summary>How the message ended; see <see cref="Outcomes"/>.</summary>
        public const string Outcome = "cqrs.outcome";

        /// <summary>Retries made before the final attempt (0 when the first attempt decided).</summary>
        public const string RetryCount = "cqrs.retry_count";

        /// <summary>How the cache answered a query: hit, stale, miss or bypass (no-store).</summary>
        public const string CacheOutcome = "cqrs.cache.outcome";

        /// <summary>Whether a cached result was served because the handler failed.</summary>
        public const string CacheFailSafe = "cqrs.cache.fail_safe";

        /// <summary>The event id (spans only; never on metrics).</summary>
        public const string EventId = "cqrs.event.id";

        /// <summary>The exception type of a fault (OpenTelemetry semantic convention).</summary>
        public const string ErrorType = "error.type";

        /// <summary>Messaging system (OpenTelemetry semantic convention).</summary>
        public const string MessagingSystem = "messaging.system";

        /// <summary>Messaging operation type: send, process, settle.</summary>
        public const string MessagingOperationType = "messaging.operation.type";

        /// <summary>Queue or topic name.</summary>
        public const string MessagingDestination = "messaging.destination.name";

        /// <summary>Message id on the transport (spans only).</summary>
        public const string MessagingMessageId = "messaging.message.id";

        /// <summary>Delivery attempt of the message, starting at 1.</summary>
        public const string MessagingDeliveryAttempt = "cqrs.delivery.attempt";

        /// <summary>Messages in one send (producer spans, batches only).</summary>
        public const string MessagingBatchCount = "messaging.batch.message_count";

        /// <summary>Why an event was dead-lettered (a <c>DeadLetterReason</c> name).</summary>
        public const string DeadLetterReason = "cqrs.dead_letter.reason";

        /// <summary>What the consumer decided: complete, retry or dead_letter.</summary>
        public const string DispatchDecision = "cqrs.dispatch.decision";
    }

    /// <summary>Values of <see cref="Tags.MessagingSystem"/> the kernel's own transport uses; each adapter names its own.</summary>
    public static class MessagingSystems
    {
        /// <summary>The embedded in-process channel.</summary>
        public const string InProcess = "inprocess";
    }

    /// <summary>Values of <see cref="Tags.CacheOutcome"/>, also the <c>X-Cache</c> header's (bypass answers <c>miss</c> there).</summary>
    public static class CacheOutcomes
    {
        /// <summary>A fresh result from the cache.</summary>
        public const string Hit = "hit";

        /// <summary>A result past its refresh point, or served by fail-safe.</summary>
        public const string Stale = "stale";

        /// <summary>The handler ran.</summary>
        public const string Miss = "miss";

        /// <summary>A no-store query: the cache was not used.</summary>
        public const string Bypass = "bypass";

        /// <summary>The query is not cached (the <c>cqrs.queries</c> counter only).</summary>
        public const string None = "none";
    }

    /// <summary>Values of <see cref="Tags.Outcome"/>.</summary>
    public static class Outcomes
    {
        /// <summary>The handler succeeded.</summary>
        public const string Success = "success";

        /// <summary>The handler threw.</summary>
        public const string Fault = "fault";

        /// <summary>The value for an expected failure of the given kind.</summary>
        public static string For(ErrorKind kind) => kind switch
        {
            ErrorKind.Validation => "validation",
            ErrorKind.NotFound => "not_found",
            ErrorKind.Conflict => "conflict",
            ErrorKind.Concurrency => "concurrency",
            ErrorKind.RuleViolation => "rule_violation",
            ErrorKind.Unauthenticated => "unauthenticated",
            ErrorKind.Forbidden => "forbidden",
            _ => "error",
        };
    }
}
