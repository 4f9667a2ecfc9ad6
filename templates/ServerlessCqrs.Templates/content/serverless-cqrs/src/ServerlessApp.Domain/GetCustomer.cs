using System.ComponentModel.DataAnnotations;
using ServerlessCqrs.Caching;

namespace ServerlessApp.Domain;

/// <summary>Reads one customer. 404 when there is none. Cached for 30 seconds.</summary>
[QueryCache(30)]
[ExpectedError(ErrorKind.NotFound, CustomerErrors.NotFound)]
public sealed record GetCustomer : IQuery<Customer>
{
    /// <summary>The customer to read.</summary>
    [Required, StringLength(64, MinimumLength = 1), ResourceId]
    public string CustomerId { get; init; } = "";
}

internal sealed class GetCustomerHandler(AggregateRepository<Customer> customers) : IQueryHandler<GetCustomer, Customer>
{
    public async ValueTask<Result<Customer>> HandleAsync(GetCustomer query, CancellationToken cancellationToken) =>
        await customers.LoadAsync(query.CustomerId, cancellationToken) is { } stored
            ? stored.Value
            : Error.NotFound(CustomerErrors.NotFound, $"Customer '{query.CustomerId}' does not exist.");
}
