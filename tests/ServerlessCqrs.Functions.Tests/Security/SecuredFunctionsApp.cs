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
        var path = call.Path.Split('?', 2);
        var name = path[0][(path[0].LastIndexOf('/') + 1)..];
        Func<HttpFunctions, HttpRequest, Task<IResult>> function = path[0].StartsWith("/api/commands/", StringComparison.Ordinal)
            ? (f, r) => f.SendCommandAsync(r, name)
            : (f, r) => f.RunQueryAsync(r, name);
        var (response, body) = await HttpFunctionInvocation.InvokeAsync(_host.Services, function, request =>
        {
            request.Method = call.Method;
            request.Path = path[0];
            request.QueryString = new QueryString(path.Length > 1 ? "?" + path[1] : "");
            if (call.Body is not null)
            {
                request.WithJson(call.Body);
            }

            if (call.Bearer is not null)
            {
                request.Headers.Authorization = "Bearer " + call.Bearer;
            }

            foreach (var (header, value) in call.Headers ?? new Dictionary<string, string>())
            {
                request.Headers[header] = value;
            }
        });
        return new ApiAnswer(response.StatusCode, response.ContentType, body, response.Headers.WWWAuthenticate.FirstOrDefault());
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
