namespace ServerlessCqrs.Diagnostics;

/// <summary>
/// The ids of the kernel's log events, a block of a hundred per component, so a log query, a filter or an
/// alert can select one by number. Each constant is named as its event is (<c>EventName</c>).
/// </summary>
#pragma warning disable CA1034 // Nested groups keep the ids discoverable: CqrsLogEvents.Pipeline.MessageHandled.
public static class CqrsLogEvents
{
    /// <summary>The per-message records of the pipeline (1000s).</summary>
    public static class Pipeline
    {
        /// <summary>A command, query or event handler succeeded.</summary>
        public const int MessageHandled = 1000;

        /// <summary>A handler returned an expected failure.</summary>
        public const int MessageRejected = 1001;

        /// <summary>A handler threw.</summary>
        public const int MessageFailed = 1002;

        /// <summary>An attempt failed transiently and will be retried.</summary>
        public const int MessageRetrying = 1003;

        /// <summary>A query succeeded (with whether the cache answered it).</summary>
        public const int QueryHandled = 1004;

        /// <summary>Authorization refused a command or query (which requirements were unmet).</summary>
        public const int AuthorizationDenied = 1005;
    }

    /// <summary>Event dispatch and its failure policy (1100s, 1600s).</summary>
    public static class Events
    {
        /// <summary>A delivery failed and the event will be redelivered.</summary>
        public const int EventRetry = 1100;

        /// <summary>An event was dead-lettered.</summary>
        public const int EventDeadLettered = 1101;

        /// <summary>A failed handler's claim could not be released; it lapses after its lease.</summary>
        public const int HandlerClaimReleaseFailed = 1102;

        /// <summary>An event type's failure policy, logged once at start.</summary>
        public const int EventFailurePolicy = 1600;
    }

    /// <summary>The in-process transport (1200s).</summary>
    public static class InProcess
    {
        /// <summary>A redelivery could not be queued because the host is stopping.</summary>
        public const int InProcessRedeliveryDropped = 1200;

        /// <summary>A delivery scheduled in process (a process's timeout) could not be handed to the transport when due.</summary>
        public const int InProcessScheduledDeliveryFailed = 1201;
    }

    /// <summary>The outbox relay and sweeper (1300s).</summary>
    public static class Outbox
    {
        /// <summary>Sending failed in passing; the events stay pending for the sweeper.</summary>
        public const int OutboxRelayFailed = 1300;

        /// <summary>The sweeper re-sent pending events.</summary>
        public const int OutboxSwept = 1301;

        /// <summary>A sweep failed; it runs again on the next tick.</summary>
        public const int OutboxSweepFailed = 1302;

        /// <summary>Sending failed for another reason; the events stay pending.</summary>
        public const int OutboxRelayFaulted = 1303;

        /// <summary>An event no transport can carry was parked with its reason.</summary>
        public const int OutboxEventParked = 1304;
    }

    /// <summary>The query cache (1400s).</summary>
    public static class Caching
    {
        /// <summary>A handler failed and an older cached result was served.</summary>
        public const int QueryCacheFailSafe = 1400;

        /// <summary>A query could not be kept warm.</summary>
        public const int QueryCacheKeepWarmFailed = 1401;
    }

    /// <summary>Housekeeping (1500s).</summary>
    public static class Housekeeping
    {
        /// <summary>Expired rows were removed.</summary>
        public const int HousekeepingRemoved = 1500;

        /// <summary>A housekeeping task failed; it runs again next time.</summary>
        public const int HousekeepingFailed = 1501;
    }

    /// <summary>Process managers (1700s).</summary>
    public static class Processes
    {
        /// <summary>An event reached a process that has not started and that it does not start.</summary>
        public const int ProcessEventIgnored = 1700;

        /// <summary>A timeout arrived whose token the process no longer holds (cancelled, superseded, or the process completed).</summary>
        public const int ProcessTimeoutStale = 1701;

        /// <summary>An operator cancelled or rescheduled a timeout.</summary>
        public const int ProcessTimeoutChanged = 1702;

        /// <summary>A scheduled delivery could not be taken back from the transport; the timeout's token makes it a no-op when it arrives.</summary>
        public const int ProcessTimeoutCancelFailed = 1703;

        /// <summary>Timeouts are overdue past the grace period.</summary>
        public const int ProcessTimeoutsOverdue = 1704;
    }
}
