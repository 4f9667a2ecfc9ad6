using ServerlessCqrs.Orders.Domain;
using ServerlessCqrs.Orders.Events;

namespace ServerlessCqrs.Orders.Tests;

/// <summary>Orders through the test kit, as a team tests its own handlers: given what happened, when a command is sent, then these events — or this error.</summary>
public sealed class OrderScenarioTests
{
    [Fact]
    public async Task ConfirmingACreatedOrder_PublishesOrderConfirmed_AtTheKitsTime()
    {
        await using var kit = CqrsTestKit.Create(cqrs => cqrs.AddOrders());
        var orderId = (await kit.SendAsync(OrdersKernel.SampleOrder())).Value.OrderId;
        kit.Time.Advance(TimeSpan.FromMinutes(5));

        await kit.Given().When(new ConfirmOrder { OrderId = orderId })
            .ThenAsync(new OrderConfirmed { OrderId = orderId, CustomerId = "c1", Total = 19m, OrderVersion = 2, OccurredAt = default });

        Assert.Equal(kit.Time.GetUtcNow(), kit.PublishedEvents.OfType<OrderConfirmed>().Single().OccurredAt);
    }

    [Fact]
    public async Task CancellingAConfirmedOrder_FailsWithOrderConfirmed()
    {
        await using var kit = CqrsTestKit.Create(cqrs => cqrs.AddOrders());
        var orderId = (await kit.SendAsync(OrdersKernel.SampleOrder())).Value.OrderId;

        await kit.Given(new ConfirmOrder { OrderId = orderId })
            .When(new CancelOrder { OrderId = orderId, Reason = "too late" })
            .ThenFailsAsync(OrderErrors.ConfirmedCode);
    }

    [Fact]
    public async Task WhenASendReturns_ItsEventsAreCaptured_AndTheProjectionHasRun()
    {
        await using var kit = CqrsTestKit.Create(cqrs => cqrs.AddOrders());

        var orderId = (await kit.SendAsync(OrdersKernel.SampleOrder("c7"))).Value.OrderId;
        var list = await kit.QueryAsync(new ListOrders { CustomerId = "c7" });

        Assert.Equal([orderId], kit.PublishedEvents.OfType<OrderCreated>().Select(e => e.OrderId));
        Assert.IsType<CreateOrder>(Assert.Single(kit.SentCommands));
        Assert.Equal([orderId], list.Value.Items.Select(i => i.OrderId));
        Assert.Empty(kit.FailedDeliveries);
    }

    [Fact]
    public async Task AScenarioWhoseEventsDiffer_Fails_SayingWhatWasPublished()
    {
        await using var kit = CqrsTestKit.Create(cqrs => cqrs.AddOrders());
        var orderId = (await kit.SendAsync(OrdersKernel.SampleOrder())).Value.OrderId;

        var failure = await Assert.ThrowsAsync<ScenarioFailedException>(() => kit.Given().When(new ConfirmOrder { OrderId = orderId })
            .ThenAsync(new OrderConfirmed { OrderId = orderId, CustomerId = "someone-else", OrderVersion = 2, OccurredAt = default }));

        Assert.Contains("\"customerId\":\"c1\"", failure.Message, StringComparison.Ordinal);
        Assert.Contains("\"customerId\":\"someone-else\"", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnExpectedFailureThatDoesNotHappen_Fails()
    {
        await using var kit = CqrsTestKit.Create(cqrs => cqrs.AddOrders());
        var orderId = (await kit.SendAsync(OrdersKernel.SampleOrder())).Value.OrderId;

        await Assert.ThrowsAsync<ScenarioFailedException>(() =>
            kit.Given().When(new ConfirmOrder { OrderId = orderId }).ThenFailsAsync(OrderErrors.CancelledCode));
    }

    [Fact]
    public async Task TheKitsHttpClient_ReachesTheSameKernel_ThroughTheEdge()
    {
        await using var kit = CqrsTestKit.Create(cqrs => cqrs.AddOrders());
        using var http = await kit.CreateHttpClientAsync();

        var created = await http.PostAsync("/api/commands/CreateOrder", Json("""{"customerId":"c1","lines":[{"sku":"A-1","quantity":1,"unitPrice":2}]}"""));
        var orderId = System.Text.Json.JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("orderId").GetString();
        var order = await http.GetAsync($"/api/queries/GetOrder?orderId={orderId}");
        var refused = await http.PostAsync("/api/commands/CreateOrder", Json("""{"customerId":"c1","lines":[]}"""));

        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, order.StatusCode);
        Assert.Equal([orderId], kit.PublishedEvents.OfType<OrderCreated>().Select(e => e.OrderId));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
    }

    private static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
