using Microsoft.Extensions.DependencyInjection.Extensions;
using ServerlessCqrs.Orders.Storage;

namespace ServerlessCqrs.Orders;

/// <summary>Adds the Orders domain to the kernel.</summary>
public static class OrdersCqrsBuilderExtensions
{
    /// <summary>Registers the Orders messages and handlers and the embedded in-memory stores.</summary>
    public static CqrsBuilder AddOrders(this CqrsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddHandlersFrom(typeof(OrdersCqrsBuilderExtensions).Assembly);
        builder.Services.TryAddSingleton<IOrderStore, InMemoryOrderStore>();
        builder.Services.TryAddSingleton<IOrderSummaryStore, InMemoryOrderSummaryStore>();
        return builder;
    }
}
