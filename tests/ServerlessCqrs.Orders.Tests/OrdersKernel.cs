using Microsoft.Extensions.Hosting;

namespace ServerlessCqrs.Orders.Tests;

/// <summary>The Orders domain on the kernel with its embedded defaults, as the hosts compose it.</summary>
internal static class OrdersKernel
{
    public static ServiceProvider Build(Action<IServiceCollection>? replace = null) =>
        CqrsTestHost.Build((services, cqrs) =>
        {
            cqrs.AddOrders();
            replace?.Invoke(services);
        });

    public static Task<IHost> StartAsync() => CqrsTestHost.StartAsync((_, cqrs) => cqrs.AddOrders());

    public static CreateOrder SampleOrder(string customerId = "c1") => new()
    {
        CustomerId = customerId,
        Lines = [new CreateOrderLine { Sku = "A-1", Quantity = 2, UnitPrice = 9.5m }],
    };
}
