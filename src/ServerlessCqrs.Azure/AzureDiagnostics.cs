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
}
