using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using ServerlessCqrs.Testing.Security;

namespace ServerlessCqrs.IntegrationTests.Security;

/// <summary>The LocalHost with the tests' development issuer configured, on a real socket, counting handler runs.</summary>
public sealed class SecuredLocalHost : WebApplicationFactory<Program>
{
    public SecuredLocalHost() => UseKestrel(0);

    public HandlerRuns Runs { get; private set; } = null!;

    /// <summary>Sends <paramref name="call"/> over HTTP.</summary>
    public async Task<ApiAnswer> SendAsync(ApiCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        using var client = CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(call.Method), call.Path);
        if (call.Body is not null)
        {
            request.Content = Http.Json(call.Body);
        }

        if (call.Bearer is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + call.Bearer);
        }

        foreach (var (name, value) in call.Headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await client.SendAsync(request);
        return new ApiAnswer((int)response.StatusCode, response.Content.Headers.ContentType?.ToString(), await response.Content.ReadAsStringAsync(),
            response.Headers.WwwAuthenticate.FirstOrDefault()?.ToString());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var (key, value) in TestTokens.Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.AddFakeLogging();
            Runs = HandlerRuns.AddTo(services);
        });
    }
}
