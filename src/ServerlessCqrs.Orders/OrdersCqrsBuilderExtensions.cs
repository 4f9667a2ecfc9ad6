using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServerlessCqrs.Orders.Storage;

namespace ServerlessCqrs.Orders;

/// <summary>Adds the Orders domain to the kernel.</summary>
public static class OrdersCqrsBuilderExtensions
{
    /// <summary>
    /// Registers the Orders messages and handlers, and its stores over the kernel's seams: orders as
    /// aggregates, their summaries as a read model — in whatever store the host configured.
    /// </summary>
    public static CqrsBuilder AddOrders(this CqrsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddHandlersFrom(typeof(OrdersCqrsBuilderExtensions).Assembly).AddReadModel<OrderSummary>(OrderSummaryStore.Name);
        builder.Services.TryAddSingleton<IOrderStore, OrderStore>();
        builder.Services.TryAddSingleton<IOrderSummaryStore, OrderSummaryStore>();
        return builder;
    }
}
