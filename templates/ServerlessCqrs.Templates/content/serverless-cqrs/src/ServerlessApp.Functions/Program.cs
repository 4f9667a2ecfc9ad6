using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ServerlessApp.Domain;

// The functions (commands, queries, OpenAPI, health, events, timers) come from ServerlessCqrs.AzureFunctions.
var builder = FunctionsApplication.CreateBuilder(args).UseServerlessCqrs();
#if SERVICE_BUS_TRIGGER
const bool serviceBusTrigger = true;
#else
const bool serviceBusTrigger = false;
#endif
builder.Services.AddServerlessCqrsFunctions(builder.Configuration, serviceBusTrigger).AddDomain();
builder.Build().Run();
