namespace ServerlessCqrs.Azure;

/// <summary>The telemetry names the Azure transports add to the kernel's (<see cref="Diagnostics.CqrsDiagnostics"/>).</summary>
#pragma warning disable CA1034 // Nested groups keep the names discoverable, as in CqrsDiagnostics.
public static class AzureDiagnostics
{
    /// <summary>Values of <c>messaging.system</c>.</summary>
    public static class MessagingSystems
    {
        /// <summary>Azure Storage Queues.</summary>
        public const string StorageQueue = "azure_storage_queue";

        /// <summary>Azure Service Bus (the semantic conventions' value).</summary>
        public const string ServiceBus = "servicebus";
    }

    /// <summary>Attributes the Service Bus semantic conventions define beyond the common messaging ones.</summary>
    public static class Tags
    {
        /// <summary>How many times the message was delivered, starting at 1.</summary>
        public const string ServiceBusDeliveryCount = "messaging.servicebus.message.delivery_count";

        /// <summary>How the message is settled: complete, abandon or dead_letter.</summary>
        public const string ServiceBusDispositionStatus = "messaging.servicebus.disposition_status";
    }

    /// <summary>The ids of the Azure adapters' log events (4000s), named as the events are.</summary>
    public static class LogEvents
    {
        /// <summary>Receiving from the events queue failed; the listener tries again.</summary>
        public const int StorageQueuePollFailed = 4000;

        /// <summary>Receiving from the events subscription failed.</summary>
        public const int ServiceBusReceiveFailed = 4100;

        /// <summary>A table or queue the app uses exists.</summary>
        public const int StorageEntityReady = 4200;

        /// <summary>A table or queue could not be created at start.</summary>
        public const int StorageEntityNotReady = 4201;
    }
}
