using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ServerlessCqrs.Functions;
using ServerlessCqrs.Functions.Middleware;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<InvocationMiddleware>();
builder.Services.AddFunctionsApp(builder.Configuration);
// With OPENOBSERVE_URL set, traces, metrics and logs go to OpenObserve; the worker's defaults add its
// resource attributes and continue the host's trace context (host.json telemetryMode: OpenTelemetry).
builder.Services.AddServerlessCqrsTelemetry(builder.Configuration, telemetry => telemetry.UseFunctionsWorkerDefaults());
builder.Build().Run();
