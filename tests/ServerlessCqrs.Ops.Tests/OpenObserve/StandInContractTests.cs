using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ServerlessCqrs.Ops.Tests.StandIn;

namespace ServerlessCqrs.Ops.Tests.OpenObserve;

/// <summary>
/// The stand-in holds to OpenObserve's request contracts: their valid examples pass, and bodies the server
/// refuses are refused with its status — so provisioning passing against it means something.
/// </summary>
public sealed class StandInContractTests : IAsyncLifetime
{
    private OpenObserveStandIn _openObserve = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _openObserve = await OpenObserveStandIn.StartAsync();
        _http = new HttpClient { BaseAddress = _openObserve.Address };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{OpenObserveStandIn.User}:{OpenObserveStandIn.Password}")));
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _openObserve.DisposeAsync();
    }

    [Fact]
    public void EveryContractExample_IsAccepted()
    {
        var validator = new ContractValidator();
        var examples = ContractValidator.Examples().ToArray();

        Assert.Equal(9, examples.Length);
        Assert.All(examples, example => Assert.Null(validator.Check(example.Contract, JsonNode.Parse(File.ReadAllText(example.File))!)));
    }

    [Theory]
    [InlineData("""{"name":"hook","type":"http","url":"https://hooks.example.com/a","method":"POST"}""", 422)]
    [InlineData("""{"name":"hook","type":"http","url":"http://127.0.0.1:9/a","method":"post"}""", 400)]
    [InlineData("""{"name":"bad name","type":"http","url":"https://hooks.example.com/a","method":"post"}""", 400)]
    public async Task Destinations_AreCheckedAsOpenObserveChecksThem(string body, int status)
    {
        var response = await PostAsync("api/acme/alerts/destinations", body);

        Assert.True((HttpStatusCode)status == response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Alerts_WithAFractionalThreshold_AnUnknownDestination_OrSelectStar_AreRefused()
    {
        Assert.Equal(HttpStatusCode.OK, (await PostAsync("api/acme/streams/cqrs_events?type=logs", """{"fields":[],"settings":{}}""")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync("api/acme/alerts/destinations", """{"name":"hook","type":"http","url":"https://hooks.example.com/a","method":"post"}""")).StatusCode);
        var alert = JsonNode.Parse(await File.ReadAllTextAsync(ContractValidator.Examples().Single(e => e.File.EndsWith("alert-v2.sql.example.json", StringComparison.Ordinal)).File))!;
        alert["stream_name"] = "cqrs_events";
        alert["destinations"] = new JsonArray("hook");
        alert.AsObject().Remove("template");
        Assert.Equal(HttpStatusCode.OK, (await PostAsync("api/v2/acme/alerts", alert.ToJsonString())).StatusCode);

        var fractional = alert.DeepClone();
        fractional["trigger_condition"]!["threshold"] = JsonNode.Parse("1.0");
        var unknownDestination = alert.DeepClone();
        unknownDestination["destinations"] = new JsonArray("nowhere");
        var selectStar = alert.DeepClone();
        selectStar["query_condition"]!["sql"] = "SELECT * FROM \"cqrs_events\"";

        var refused = await PostAsync("api/v2/acme/alerts", fractional.ToJsonString());
        Assert.True(refused.StatusCode == HttpStatusCode.UnprocessableEntity, await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync("api/v2/acme/alerts", unknownDestination.ToJsonString())).StatusCode);
        var star = await PostAsync("api/v2/acme/alerts", selectStar.ToJsonString());
        Assert.True(star.StatusCode == HttpStatusCode.BadRequest, await star.Content.ReadAsStringAsync());
        Assert.Single(_openObserve.State.Alerts);
    }

    [Fact]
    public async Task Dashboards_NeedTheLatestHash()
    {
        var created = JsonNode.Parse(await (await PostAsync("api/acme/dashboards", """{"version":8,"title":"T","description":"","tabs":[]}""")).Content.ReadAsStringAsync())!;
        var id = (string)created["v8"]!["dashboardId"]!;

        var stale = await PutAsync($"api/acme/dashboards/{id}?folder=default&hash=1", """{"version":8,"title":"T2","description":"","tabs":[]}""");
        var missing = await PutAsync($"api/acme/dashboards/{id}?folder=default", """{"version":8,"title":"T2","description":"","tabs":[]}""");
        var current = await PutAsync($"api/acme/dashboards/{id}?folder=default&hash={created["hash"]}", """{"version":8,"title":"T2","description":"","tabs":[]}""");

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, missing.StatusCode);
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
    }

    private Task<HttpResponseMessage> PostAsync(string path, string json) => _http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    private Task<HttpResponseMessage> PutAsync(string path, string json) => _http.PutAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
}
