using System.Text.Json.Nodes;
using System.Xml;
using Microsoft.Extensions.Options;
using ServerlessCqrs.Azure.ServiceBus;
using ServerlessCqrs.Azure.StorageQueues;
using ServerlessCqrs.Azure.Tables;
using ServerlessCqrs.Events;
using ServerlessCqrs.Infra.Tests.Bicep;
using ServerlessCqrs.Outbox;

namespace ServerlessCqrs.Infra.Tests;

/// <summary>What Service Bus, storage and the host are given agrees with what the app (on its deployed settings) and host.json expect.</summary>
[Collection(nameof(InfraCollection))]
public sealed class EventsAgreementTests(InfraFixture infra)
{
    private static readonly JsonNode HostJson = JsonNode.Parse(File.ReadAllText(Repository.PathOf("host.json")))!;

    private DeploymentSnapshot Deployment => infra.Deployment;

    private T AppOptions<T>()
        where T : class
    {
        using var app = DeployedApp.Compose(Deployment.AppSettings());
        return app.Services.GetRequiredService<IOptions<T>>().Value;
    }

    private JsonNode Subscription => Deployment.Single("Microsoft.ServiceBus/namespaces/topics/subscriptions").Properties!;

    private JsonNode Topic => Deployment.Single("Microsoft.ServiceBus/namespaces/topics").Properties!;

    [Fact]
    public void TopicAndSubscription_AreTheOnesTheAppUses()
    {
        var settings = AppOptions<ServiceBusOptions>();

        Assert.Equal(
            $"{Deployment.Single("Microsoft.ServiceBus/namespaces").Name}/{settings.TopicName}/{settings.SubscriptionName}",
            Deployment.Single("Microsoft.ServiceBus/namespaces/topics/subscriptions").Name);
    }

    [Fact]
    public void ServiceBus_DeadLettersOnlyAfterTheAppsLastAttempt_AsTheQueueHostDoes()
    {
        var attempts = AppOptions<EventDeliveryOptions>().MaxDeliveryAttempts;

        // The app dead-letters with a reason on its last attempt; the broker's own limit only catches a crash then.
        Assert.Equal(attempts, Subscription["maxDeliveryCount"]!.GetValue<int>());
        Assert.Equal(attempts, HostJson["extensions"]!["queues"]!["maxDequeueCount"]!.GetValue<int>());
    }

    [Fact]
    public void MessageLocks_AreRenewedByTheHost_ForAsLongAsAFunctionMayRun()
    {
        var lockDuration = XmlConvert.ToTimeSpan(Subscription["lockDuration"]!.GetValue<string>());
        var renewal = TimeSpan.Parse(HostJson["extensions"]!["serviceBus"]!["maxAutoLockRenewalDuration"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        var functionTimeout = TimeSpan.Parse(HostJson["functionTimeout"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);

        Assert.InRange(lockDuration, TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(5));
        Assert.True(renewal > lockDuration, $"host.json renews locks for {renewal}, not longer than one lock ({lockDuration}).");
        Assert.True(renewal >= functionTimeout, $"A function may run {functionTimeout}; its message lock is renewed for {renewal} only.");
        Assert.False(HostJson["extensions"]!["serviceBus"]!["autoCompleteMessages"]!.GetValue<bool>());
    }

    [Fact]
    public void TheSubscription_TakesEveryEvent_AndOnlyItsOwnRedeliveries()
    {
        var settings = AppOptions<ServiceBusOptions>();
        var rule = Deployment.Single("Microsoft.ServiceBus/namespaces/topics/subscriptions/rules");

        Assert.EndsWith($"/{settings.SubscriptionName}/$Default", rule.Name, StringComparison.Ordinal);
        Assert.Equal(
            $"[{ServiceBusEventMessages.RedeliveryForProperty}] IS NULL OR [{ServiceBusEventMessages.RedeliveryForProperty}] = '{settings.SubscriptionName}'",
            rule["properties.sqlFilter.sqlExpression"]!.GetValue<string>());
    }

    [Fact]
    public void ExpiredMessages_AreDeadLettered_NotDropped() =>
        Assert.True(Subscription["deadLetteringOnMessageExpiration"]!.GetValue<bool>());

    [Fact]
    public void DuplicateDetection_DropsAnOutboxResendOfASentEvent()
    {
        var outbox = AppOptions<OutboxOptions>();
        var window = XmlConvert.ToTimeSpan(Topic["duplicateDetectionHistoryTimeWindow"]!.GetValue<string>());

        Assert.True(Topic["requiresDuplicateDetection"]!.GetValue<bool>());
        // A sent event whose dispatch mark was lost is sent again once PendingAge old, at the next sweep.
        Assert.True(window >= outbox.PendingAge + outbox.SweepInterval, $"Duplicate detection looks back {window}; a re-send can come {outbox.PendingAge + outbox.SweepInterval} later.");
    }

    [Fact]
    public void Tables_AreTheOnesTheAppUses()
    {
        var tables = AppOptions<TableStorageOptions>().AllTables;

        Assert.Equal(
            tables.Order(StringComparer.Ordinal),
            Deployment.OfType("Microsoft.Storage/storageAccounts/tableServices/tables").Select(t => t.Name.Split('/')[^1]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Queues_AreTheStorageQueueTransportsOwn()
    {
        // Switched to the Storage Queue transport (the settings' queue name, with Transport=StorageQueue), the app finds its queues ready.
        var settings = Deployment.AppSettings().ToDictionary();
        settings["Cqrs__Events__Transport"] = "StorageQueue";
        settings["Storage__queueServiceUri"] = "https://st.queue.core.windows.net/";
        using var app = DeployedApp.Compose(settings);
        var queue = app.Services.GetRequiredService<IOptions<StorageQueueOptions>>().Value;

        Assert.Equal(
            new[] { queue.QueueName, queue.PoisonQueueName }.Order(StringComparer.Ordinal),
            Deployment.OfType("Microsoft.Storage/storageAccounts/queueServices/queues").Select(q => q.Name.Split('/')[^1]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void FunctionApp_RunsTheIsolatedWorkerOnDotnet10_OnFlexConsumption()
    {
        var app = Deployment.Single("Microsoft.Web/sites");
        var plan = Deployment.Single("Microsoft.Web/serverfarms");

        Assert.Equal(("dotnet-isolated", "10.0"), (app["properties.functionAppConfig.runtime.name"]!.GetValue<string>(), app["properties.functionAppConfig.runtime.version"]!.GetValue<string>()));
        Assert.Equal("functionapp,linux", app.Body["kind"]!.GetValue<string>());
        Assert.Equal(("FC1", "FlexConsumption", true), (plan["sku.name"]!.GetValue<string>(), plan["sku.tier"]!.GetValue<string>(), plan["properties.reserved"]!.GetValue<bool>()));
        Assert.Equal(plan.Id, app["properties.serverFarmId"]!.GetValue<string>());
        // Flex Consumption rejects these: the runtime lives in functionAppConfig.
        Assert.DoesNotContain(Deployment.AppSettings().Keys, k => k is "FUNCTIONS_WORKER_RUNTIME" or "WEBSITE_RUN_FROM_PACKAGE" || k.StartsWith("WEBSITE_CONTENT", StringComparison.Ordinal));
    }
}
