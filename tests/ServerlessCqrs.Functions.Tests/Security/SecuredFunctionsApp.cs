using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using ServerlessCqrs.Functions.Http;
using ServerlessCqrs.Testing.Security;

namespace ServerlessCqrs.Functions.Tests.Security;

/// <summary>
/// The Functions app composed as Program.cs composes it, with authentication settings, its HTTP functions
/// called the way the worker calls them, counting handler runs.
/// </summary>
public sealed class SecuredFunctionsApp : IAsyncDisposable
{
    private readonly IHost _host;

    private SecuredFunctionsApp(IHost host, HandlerRuns runs)
    {
        _host = host;
        Runs = runs;
    }

    public HandlerRuns Runs { get; }

    public static async Task<SecuredFunctionsApp> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddFakeLogging();
        builder.Services.AddFunctionsApp(builder.Configuration);
        var runs = HandlerRuns.AddTo(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new SecuredFunctionsApp(host, runs);
    }

    /// <summary>Calls the SendCommand or RunQuery function with the request <paramref name="call"/> describes.</summary>
    public async Task<ApiAnswer> SendAsync(ApiCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        await using var scope = _host.Services.CreateAsyncScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        var path = call.Path.Split('?', 2);
        http.Request.Method = call.Method;
        http.Request.Path = path[0];
        http.Request.QueryString = new QueryString(path.Length > 1 ? "?" + path[1] : "");
        if (call.Body is not null)
        {
            http.Request.ContentType = "application/json";
            http.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(call.Body));
        }

        if (call.Bearer is not null)
        {
            http.Request.Headers.Authorization = "Bearer " + call.Bearer;
        }

        foreach (var (header, value) in call.Headers ?? new Dictionary<string, string>())
        {
            http.Request.Headers[header] = value;
        }

        using var response = new MemoryStream();
        http.Response.Body = response;
        var functions = ActivatorUtilities.CreateInstance<HttpFunctions>(scope.ServiceProvider);
        var name = path[0][(path[0].LastIndexOf('/') + 1)..];
        var result = path[0].StartsWith("/api/commands/", StringComparison.Ordinal)
            ? await functions.SendCommandAsync(http.Request, name)
            : await functions.RunQueryAsync(http.Request, name);
        await result.ExecuteAsync(http);
        return new ApiAnswer(http.Response.StatusCode, http.Response.ContentType, Encoding.UTF8.GetString(response.ToArray()),
            http.Response.Headers.WWWAuthenticate.FirstOrDefault());
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
