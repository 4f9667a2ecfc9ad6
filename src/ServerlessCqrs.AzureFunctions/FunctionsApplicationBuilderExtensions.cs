using Microsoft.Extensions.Hosting;
using ServerlessCqrs.Functions;
using ServerlessCqrs.Functions.Middleware;

namespace Microsoft.Azure.Functions.Worker.Builder;

/// <summary>Sets up the isolated worker for ServerlessCqrs.</summary>
public static class FunctionsApplicationBuilderExtensions
{
    /// <summary>
    /// Stops the start while a Key Vault reference in the app settings is unresolved, turns on ASP.NET Core
    /// integration for the HTTP triggers, and adds the invocation middleware that gives every function its telemetry
    /// and maps faults. Then add the services: <c>builder.Services.AddServerlessCqrsFunctions(builder.Configuration, ...)</c>.
    /// </summary>
    public static FunctionsApplicationBuilder UseServerlessCqrs(this FunctionsApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        KeyVaultReferences.ThrowIfUnresolved(builder.Configuration);
        builder.ConfigureFunctionsWebApplication();
        builder.UseMiddleware<InvocationMiddleware>();
        return builder;
    }
}
