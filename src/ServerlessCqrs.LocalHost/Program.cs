using OpenTelemetry;
using OpenTelemetry.Trace;
using Scalar.AspNetCore;
using ServerlessCqrs.Http;
using ServerlessCqrs.Orders;
using ServerlessCqrs.Payments;
using ServerlessCqrs.Security;

var builder = WebApplication.CreateSlimBuilder(args);

// The port `func start` uses, so the two hosts are interchangeable; ASPNETCORE_URLS or --urls override it.
if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
{
    builder.WebHost.UseUrls("http://127.0.0.1:7071");
}

// Unset, everything is in memory; settings move state, events and the cache to Azure and Redis (see docs/configuration.md).
// A long-running host runs the background work itself: the outbox sweep, queue listeners, keeping queries warm.
builder.Services
    .AddServerlessCqrsApp(builder.Configuration, telemetry => telemetry.WithTracing(tracing => tracing.AddAspNetCoreInstrumentation()))
    .AddOrders()
    .AddPayments()
    .RunBackgroundWork();
builder.Services.AddServerlessCqrsHttp(builder.Configuration);
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<CqrsExceptionHandler>();

var app = builder.Build();
if (!BearerSettings.AreConfigured(app.Configuration))
{
    Program.LogOpen(app.Logger, BearerSettings.SectionName);
}

app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapServerlessCqrs();

// The reference UI reads the API's own document; its script is served from the package, so it works offline.
if (app.Configuration.GetValue<bool?>($"{CqrsHttpOptions.SectionName}:{nameof(CqrsHttpOptions.EnableApiReference)}") ?? app.Environment.IsDevelopment())
{
    app.MapScalarApiReference("/api/docs", options => options.WithTitle("ServerlessCqrs API").WithOpenApiRoutePattern("/api/openapi.json"));
}

app.Run();

/// <summary>The LocalHost entry point; public so tests can host it.</summary>
public partial class Program
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning,
        Message = "No authentication is configured ({section}): every caller is anonymous and every message open. See the README's Security section.")]
    private static partial void LogOpen(ILogger logger, string section);
}
