using System.Net;
using Microsoft.Extensions.Configuration;
using ServerlessCqrs.Observability;

namespace ServerlessCqrs.IntegrationTests.Telemetry;

/// <summary>The exporters' HTTP client retries what OpenObserve may answer in passing (429, 5xx), and nothing else.</summary>
public sealed class ExportRetryTests
{
    [Theory]
    [InlineData(503)]
    [InlineData(429)]
    public async Task AnExportRefusedInPassing_IsSentAgain(int status)
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        receiver.Refuse(2, status);
        using var client = ExporterClient(receiver, maxRetries: 3);

        using var response = await client.PostAsync(new Uri(receiver.Address, "/api/acme/v1/logs"), Body());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, receiver.Exports.Count);
        Assert.All(receiver.Exports, e => Assert.Equal([1, 2, 3], e.Body));
    }

    [Fact]
    public async Task ABadRequest_IsNotSentAgain()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        receiver.Refuse(1, 400);
        using var client = ExporterClient(receiver, maxRetries: 3);

        using var response = await client.PostAsync(new Uri(receiver.Address, "/api/acme/v1/logs"), Body());

        Assert.Equal((HttpStatusCode.BadRequest, 1), (response.StatusCode, receiver.Exports.Count));
    }

    [Fact]
    public async Task NoRetries_SendsOnce()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        receiver.Refuse(1, 503);
        using var client = ExporterClient(receiver, maxRetries: 0);

        using var response = await client.PostAsync(new Uri(receiver.Address, "/api/acme/v1/logs"), Body());

        Assert.Equal((HttpStatusCode.ServiceUnavailable, 1), (response.StatusCode, receiver.Exports.Count));
    }

    private static HttpClient ExporterClient(OtlpReceiver receiver, int maxRetries)
    {
        var settings = OpenObserveSettings.Read(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OPENOBSERVE_URL"] = receiver.Address.ToString(),
            ["OPENOBSERVE_ORGANIZATION"] = "acme",
            ["OPENOBSERVE_TOKEN"] = "dGVzdDp0ZXN0",
            ["OPENOBSERVE_MAX_RETRIES"] = maxRetries.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).Build())!;
        return OtlpHttp.Options(settings, "logs", stream: null).HttpClientFactory();
    }

    private static ByteArrayContent Body() => new([1, 2, 3]);
}
