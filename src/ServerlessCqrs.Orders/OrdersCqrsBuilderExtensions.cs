using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServerlessCqrs.Azure.Tables;
using ServerlessCqrs.Orders.Storage;

namespace ServerlessCqrs.Orders;

/// <summary>Adds the Orders domain to the kernel.</summary>
public static class OrdersCqrsBuilderExtensions
{
    /// <summary>
    /// Registers the Orders messages and handlers and their stores: in Table Storage when the kernel
    /// keeps its state there (<c>Cqrs:Store</c> = <c>TableStorage</c>), in memory otherwise — so an
    /// order and its outbox always live in the same store.
    /// </summary>
    public static CqrsBuilder AddOrders(this CqrsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddHandlersFrom(typeof(OrdersCqrsBuilderExtensions).Assembly);
        builder.Services.Configure<TableStorageOptions>(options => options.ReadModelTables.Add(TableOrderSummaryStore.TableName));
        builder.Services.TryAddSingleton<IOrderStore>(sp => sp.GetService<TableStateStore>() is null
            ? ActivatorUtilities.CreateInstance<InMemoryOrderStore>(sp)
            : ActivatorUtilities.CreateInstance<TableOrderStore>(sp));
        builder.Services.TryAddSingleton<IOrderSummaryStore>(sp => sp.GetService<CqrsTables>() is { } tables
            ? new TableOrderSummaryStore(tables)
            : new InMemoryOrderSummaryStore());
        return builder;
    }
}
