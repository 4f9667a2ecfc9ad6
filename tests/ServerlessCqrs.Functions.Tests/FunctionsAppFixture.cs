using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using ServerlessCqrs.Functions.Http;

namespace ServerlessCqrs.Functions.Tests;

/// <summary>
/// The Functions app's services, composed by the same method Program.cs calls, in a started host so the
/// background event processing runs as it does inside the worker.
/// </summary>
public sealed class FunctionsAppFixture : IAsyncLifetime
{
    private IHost? _host;

    public IServiceProvider Services => _host!.Services;

    public async Task InitializeAsync()
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration[OpenApp.Setting] = "true";
        builder.Services.AddFakeLogging();
        builder.Services.AddFunctionsApp(builder.Configuration);
        _host = builder.Build();
        await _host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _host!.StopAsync();
        _host.Dispose();
    }

    /// <summary>Calls one HTTP function the way the worker does: a request in the invocation's scope, the returned result executed.</summary>
    public Task<(int Status, string Body)> InvokeAsync(
        Func<HttpFunctions, HttpRequest, Task<IResult>> function, string method, string? body = null, string query = "") =>
        InvokeAsync<HttpFunctions>(function, method, body, query);

    /// <summary>Calls one HTTP function of <typeparamref name="TFunctions"/> the way the worker does.</summary>
    public async Task<(int Status, string Body)> InvokeAsync<TFunctions>(
        Func<TFunctions, HttpRequest, Task<IResult>> function, string method, string? body = null, string query = "")
    {
        ArgumentNullException.ThrowIfNull(function);
        var (response, text) = await HttpFunctionInvocation.InvokeAsync(Services, function, request =>
        {
            request.Method = method;
            request.QueryString = new QueryString(query);
            if (body is not null)
            {
                request.WithJson(body);
            }
        });
        return (response.StatusCode, text);
    }
}
