using ServerlessCqrs.IntegrationTests.ApiDescription.Generated;

namespace ServerlessCqrs.IntegrationTests.ApiDescription;

/// <summary>The README's walk-through through the C# client NSwag generated from docs/openapi.json, against a running LocalHost.</summary>
public sealed class GeneratedCSharpClientTests(LocalHostFactory factory) : IClassFixture<LocalHostFactory>
{
    [Fact]
    public async Task CreateGetConfirmList_AndAValidationFailure_ThroughTheGeneratedClient()
    {
        using var http = factory.CreateClient();
        var api = new ServerlessCqrsClient(http);
        var customer = "nswag-" + Guid.NewGuid().ToString("N");

        var created = await api.CreateOrderAsync(null, new CreateOrder
        {
            CustomerId = customer,
            Lines = [new CreateOrderLine { Sku = "A-1", Quantity = 2, UnitPrice = 9.5 }],
        });
        var order = await api.GetOrderAsync(created.OrderId, null, null);
        var etag = await ETagOfAsync(http, created.OrderId);
        var notModified = await Assert.ThrowsAsync<ApiException>(() => api.GetOrderAsync(created.OrderId, null, etag));
        await api.ConfirmOrderAsync(null, new ConfirmOrder { OrderId = created.OrderId });
        OrderList list = null!;
        await Eventually.HoldsAsync(
            async () => (list = await api.ListOrdersAsync(customer, null, null, null, null)).Items.SingleOrDefault()?.Status == OrderStatus.Confirmed,
            "ListOrders shows the order as Confirmed");
        var refused = await Assert.ThrowsAsync<ApiException<Problem>>(() => api.CreateOrderAsync(null, new CreateOrder { CustomerId = customer }));

        Assert.Equal(OrderStatus.Created, order.Status);
        Assert.Equal(19.0, order.Total);
        Assert.Equal(304, notModified.StatusCode);
        Assert.Equal(created.OrderId, list.Items.Single().OrderId);
        Assert.Null(list.ContinuationToken);
        Assert.Equal(400, refused.StatusCode);
        Assert.Equal("validation_failed", refused.Result.Code);
        Assert.Contains("lines", refused.Result.Errors.Keys);
    }

    /// <summary>The client returns the body alone; the ETag a caller sends back comes from the response headers.</summary>
    private static async Task<string> ETagOfAsync(HttpClient http, string orderId) =>
        (await http.GetAsync($"/api/queries/GetOrder?orderId={orderId}")).Headers.ETag!.Tag;
}
