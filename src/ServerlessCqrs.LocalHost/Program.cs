using OpenTelemetry;
using OpenTelemetry.Trace;
using ServerlessCqrs;
using ServerlessCqrs.Http;
using ServerlessCqrs.Orders;

var builder = WebApplication.CreateSlimBuilder(args);

// The port `func start` uses, so the two hosts are interchangeable; ASPNETCORE_URLS or --urls override it.
if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
{
    builder.WebHost.UseUrls("http://127.0.0.1:7071");
}

// Redis joins the query cache when ConnectionStrings:Redis is set; Cqrs:Store and Cqrs:Events:Transport
// move state and events to Azure Table Storage, Storage Queues or Service Bus. Unset, all is in memory.
builder.Services.AddServerlessCqrs().AddOrders().AddRedisQueryCache().AddAzureAdapters(builder.Configuration);
builder.Services.AddServerlessCqrsHttp();
// With OPENOBSERVE_URL set, traces (from the HTTP request down), metrics and logs go to OpenObserve.
builder.Services.AddServerlessCqrsTelemetry(builder.Configuration, telemetry => telemetry.WithTracing(tracing => tracing.AddAspNetCoreInstrumentation()));
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<CqrsExceptionHandler>();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapServerlessCqrs();
app.Run();

/// <summary>The LocalHost entry point; public so tests can host it.</summary>
public partial class Program;
