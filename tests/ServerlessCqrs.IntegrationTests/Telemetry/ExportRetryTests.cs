using System.Net;
using Microsoft.Extensions.Configuration;
using ServerlessCqrs.Observability;

namespace ServerlessCqrs.IntegrationTests.Telemetry;

/// <summary>The exporters' HTTP client retries what OpenObserve may answer in passing (429, 5xx) as often as it may, and nothing else.</summary>
public sealed class ExportRetryTests
{
    [Theory]
    [InlineData(2, 503, 3, HttpStatusCode.OK, 3)]
    [InlineData(2, 429, 3, HttpStatusCode.OK, 3)]
    [InlineData(1, 400, 3, HttpStatusCode.BadRequest, 1)]
    [InlineData(1, 503, 0, HttpStatusCode.ServiceUnavailable, 1)]
    public async Task AnExportRefusedInPassing_IsSentAgain_WithinTheRetries(int refusals, int status, int maxRetries, HttpStatusCode answered, int sent)
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        receiver.Refuse(refusals, status);
        using var client = ExporterClient(receiver, maxRetries);

        using var response = await client.PostAsync(new Uri(receiver.Address, "/api/acme/v1/logs"), new ByteArrayContent([1, 2, 3]));

        Assert.Equal((answered, sent), (response.StatusCode, receiver.Exports.Count));
        Assert.All(receiver.Exports, e => Assert.Equal([1, 2, 3], e.Body));
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
}
