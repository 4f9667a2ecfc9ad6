using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ServerlessCqrs.Events;
using ServerlessCqrs.Http;
using ServerlessCqrs.Orders;
using ServerlessCqrs.Pipeline;

namespace ServerlessCqrs.Docs.Samples;

internal static class Composition
{
    public static void Kernel(IServiceCollection services, IConfiguration configuration)
    {
        #region compose-kernel
        services.AddServerlessCqrs(options =>
            {
                options.Assemblies.Add(typeof(RenameCustomer).Assembly); // scanned for messages and handlers
                // options.AutoDiscoverHandlers = false;  -> scan nothing; AddHandler<T>() and AddMessage<T>() instead
                // options.EnableDefaultBehaviors = false; -> none of the built-in stages; only your behaviors run
            })
            .AddBehavior(typeof(AuditBehavior<,>))                        // every message its constraints allow, innermost
            .AddBehavior(typeof(TenantCheck<,>), ServiceLifetime.Singleton,
                PipelinePosition.Before(PipelineStages.Validation))        // every call, cache hits included
            .AddReadModel<CustomerView>("CustomerViews")                  // IReadModelStore<CustomerView>
            .AddTransientException<IOException>(e => e.HResult == 32)     // retried like any transient error
            .AddAzureAdapters()                                           // the stores and transports settings may name...
            .AddTransport("Pigeon", (cqrs, _) => cqrs.Services.AddSingleton<IEventTransport, PigeonTransport>())
            .UseConfiguredAdapters(configuration);                        // ...and the ones Cqrs:Store and Cqrs:Events:Transport do
        #endregion
    }

    public static WebApplication LongRunningHost(string[] args)
    {
        #region compose-app
        var builder = WebApplication.CreateSlimBuilder(args);

        // The kernel, Redis when ConnectionStrings:Redis is set, the store and transport the settings name,
        // telemetry when OPENOBSERVE_URL is set — then your domain, and the background work this host runs.
        builder.Services.AddServerlessCqrsApp(builder.Configuration)
            .AddOrders()
            .RunBackgroundWork();
        builder.Services.AddServerlessCqrsHttp(builder.Configuration); // bearer tokens when Authentication:Schemes:Bearer is set
        builder.Services.AddProblemDetails().AddExceptionHandler<CqrsExceptionHandler>();

        var app = builder.Build();
        app.UseExceptionHandler();
        app.MapServerlessCqrs(); // POST /api/commands/{name}, GET|POST /api/queries/{name}, /api/health, ...
        #endregion
        return app;
    }

    public static async Task SendAsync(IMessageBus bus)
    {
        #region send
        var renamed = await bus.SendAsync(new RenameCustomer { CustomerId = "c1", Name = "Ada" });
        if (renamed.Error is { } error)
        {
            Console.WriteLine($"{error.Kind} {error.Code}: {error.Message}"); // e.g. NotFound customer_not_found
        }

        var customer = await bus.QueryAsync(new GetCustomer { CustomerId = "c1" });
        #endregion
        _ = customer;
    }
}

/// <summary>A transport of the samples' own.</summary>
internal sealed class PigeonTransport : IEventTransport
{
    public MessagingEndpoint Endpoint { get; } = new("pigeon", "loft");

    public ValueTask SendAsync(IReadOnlyList<EventEnvelope> envelopes, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
