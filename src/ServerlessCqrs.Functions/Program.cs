using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using ServerlessCqrs.Functions;
using ServerlessCqrs.Functions.Middleware;

var builder = FunctionsApplication.CreateBuilder(args);
KeyVaultReferences.ThrowIfUnresolved(builder.Configuration);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<InvocationMiddleware>();
builder.Services.AddFunctionsApp(builder.Configuration);
builder.Build().Run();
