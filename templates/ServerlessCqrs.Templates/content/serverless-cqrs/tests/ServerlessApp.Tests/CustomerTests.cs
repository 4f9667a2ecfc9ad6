using Microsoft.Extensions.DependencyInjection;
using ServerlessApp.Domain;
using ServerlessCqrs.Storage;

namespace ServerlessApp.Tests;

/// <summary>The domain through the ServerlessCqrs test kit: in-memory store and transport, a fake clock, captured messages.</summary>
public sealed class CustomerTests
{
    [Fact]
    public async Task RegisteringACustomer_PublishesCustomerRegistered()
    {
        await using var kit = CqrsTestKit.Create(cqrs => cqrs.AddDomain());

        var registered = await kit.SendAsync(new RegisterCustomer { Name = "Ada" });

        var published = Assert.Single(kit.PublishedEvents.OfType<CustomerRegistered>());
        Assert.Equal((registered.Value.CustomerId, "Ada", kit.Time.GetUtcNow()), (published.CustomerId, published.Name, published.OccurredAt));
    }

    [Fact]
    public async Task ARegisteredCustomer_CanBeRead_AndIsInTheDirectory()
    {
        await using var kit = CqrsTestKit.Create(cqrs => cqrs.AddDomain());
        var id = (await kit.SendAsync(new RegisterCustomer { Name = "Ada" })).Value.CustomerId;

        var customer = await kit.QueryAsync(new GetCustomer { CustomerId = id });
        var directory = await kit.Services.GetRequiredService<ReadModel<CustomerListing>>()
            .ListAsync(CustomerDirectoryProjection.Partition, 10, after: null, CancellationToken.None);

        Assert.Equal(new Customer(id, "Ada"), customer.Value);
        Assert.Equal([id], directory.Views.Select(v => v.CustomerId));
    }

    [Fact]
    public async Task AnUnknownCustomer_IsNotFound()
    {
        await using var kit = CqrsTestKit.Create(cqrs => cqrs.AddDomain());

        await kit.Given().When(new GetCustomer { CustomerId = "nobody" }).ThenFailsAsync(CustomerErrors.NotFound);
    }

    [Fact]
    public async Task ANamelessRegistration_IsRefused()
    {
        await using var kit = CqrsTestKit.Create(cqrs => cqrs.AddDomain());

        await kit.Given().When(new RegisterCustomer { Name = "" }).ThenFailsAsync("validation_failed");
    }

    [Fact]
    public async Task TheApi_RegistersACustomer_AndReadsItBack()
    {
        await using var kit = CqrsTestKit.Create(cqrs => cqrs.AddDomain());
        using var http = await kit.CreateHttpClientAsync();

        var created = await http.PostAsync("/api/commands/RegisterCustomer",
            new StringContent("""{"name":"Ada"}""", System.Text.Encoding.UTF8, "application/json"));
        var id = System.Text.Json.JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("customerId").GetString();
        var customer = await http.GetAsync($"/api/queries/GetCustomer?customerId={id}");

        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        Assert.Contains("\"name\":\"Ada\"", await customer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
