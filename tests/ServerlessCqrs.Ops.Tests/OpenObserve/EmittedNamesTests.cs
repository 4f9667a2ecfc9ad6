using System.Net;
using System.Text;
using Azure.Storage.Queues;
using ServerlessCqrs.Ops.Tests.StandIn;

namespace ServerlessCqrs.Ops.Tests.OpenObserve;

/// <summary>
/// Every metric, label, stream and field the provisioned alerts and dashboards query is one the product
/// really emits: the LocalHost, exporting to the stand-in, handles orders, a rejected command, cached
/// queries, a payment that times out and a poison message, and each query's names are then looked up in what arrived.
/// </summary>
public sealed class EmittedNamesTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private OpenObserveStandIn _openObserve = null!;

    public async Task InitializeAsync() => _openObserve = await OpenObserveStandIn.StartAsync();

    public async Task DisposeAsync() => await _openObserve.DisposeAsync();

    [Fact]
    public async Task AlertsAndDashboards_QueryOnlyWhatTheAppEmits()
    {
        var provision = await OpsRun.RunAsync(_openObserve.Settings(), "openobserve", "provision", "--destination-url", "https://hooks.example.com/cqrs");
        Assert.True(provision.ExitCode == 0, provision.All);
        var settings = Settings();
        await using var app = await LocalHostProcess.StartAsync(settings);
        using var client = app.CreateClient();

        var created = await Post(client, "/api/commands/CreateOrder", """{"customerId":"names","lines":[{"sku":"A-1","quantity":2,"unitPrice":9.5}]}""");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var orderId = System.Text.Json.JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("orderId").GetString();
        Assert.Equal(HttpStatusCode.BadRequest, (await Post(client, "/api/commands/CreateOrder", """{"customerId":"","lines":[]}""")).StatusCode);
        await Eventually.HoldsAsync(async () => (await client.GetAsync($"/api/queries/GetOrder?orderId={orderId}")).IsSuccessStatusCode, "the order can be read");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/queries/GetOrder?orderId={orderId}")).StatusCode);
        // Confirmed and never paid: the payment process starts, times out after a second and completes.
        Assert.Equal(HttpStatusCode.OK, (await Post(client, "/api/commands/ConfirmOrder", $$"""{"orderId":"{{orderId}}"}""")).StatusCode);
        var events = new QueueClient(azurite.Server.ConnectionString, settings["Cqrs:Events:StorageQueue:QueueName"]);
        await events.SendMessageAsync("this is not an event");

        var queries = QueryNames.Provisioned(_openObserve.State).ToArray();
        Assert.Equal(7 + 15, queries.Length);
        var unknown = await UnknownNamesWhenSettledAsync(queries);

        Assert.Empty(unknown);
        // The check can fail: a renamed metric, label or field is caught.
        Assert.Equal(["cqrs_command_total"], QueryNames.Unknown("promql", "sum(rate(cqrs_command_total[5m]))", _openObserve.State));
        Assert.Equal(["message_type"], QueryNames.Unknown("promql", "sum by (message_type) (rate(cqrs_commands[5m]))", _openObserve.State));
        Assert.Equal(["dead_letter_reason"], QueryNames.Unknown("sql", "SELECT \"dead_letter_reason\" FROM \"cqrs_events\"", _openObserve.State));
    }

    /// <summary>Waits until every query's names have arrived (exports come every 200 ms); then says what is still missing.</summary>
    private async Task<string[]> UnknownNamesWhenSettledAsync((string Where, string Kind, string Query)[] queries)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var unknown = queries.SelectMany(q => QueryNames.Unknown(q.Kind, q.Query, _openObserve.State).Select(name => $"{q.Where}: {name} in {q.Query}")).ToArray();
            if (unknown.Length == 0 || DateTime.UtcNow > deadline)
            {
                return unknown;
            }

            await Task.Delay(200);
        }
    }

    private Dictionary<string, string?> Settings()
    {
        var settings = _openObserve.Settings();
        foreach (var (key, value) in AzuriteServer.KernelSettings(azurite.Server.ConnectionString, "names"))
        {
            settings[key] = value;
        }

        settings["OPENOBSERVE_FLUSH_INTERVAL"] = "200";
        settings["Payments:Timeout"] = "00:00:01";
        settings["OPENOBSERVE_TRACING_SAMPLING_RATE"] = "1";
        settings["Logging:LogLevel:Default"] = "Information";
        return settings;
    }

    private static Task<HttpResponseMessage> Post(HttpClient client, string path, string json) =>
        client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
}
