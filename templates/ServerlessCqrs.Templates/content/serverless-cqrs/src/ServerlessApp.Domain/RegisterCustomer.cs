using System.ComponentModel.DataAnnotations;

namespace ServerlessApp.Domain;

/// <summary>Registers a customer. <c>POST /api/commands/RegisterCustomer</c> answers 201 with its id.</summary>
[CreatesResource]
[ExpectedError(ErrorKind.Conflict, CustomerErrors.Exists)]
public sealed record RegisterCustomer : ICommand<CustomerRegistration>
{
    /// <summary>The customer's name, 1 to 200 characters.</summary>
    [Required, StringLength(200, MinimumLength = 1)]
    public string Name { get; init; } = "";
}

/// <summary>The id of the customer just registered.</summary>
/// <param name="CustomerId">The new customer's id.</param>
public sealed record CustomerRegistration(string CustomerId);

internal sealed class RegisterCustomerHandler(AggregateRepository<Customer> customers, TimeProvider time)
    : ICommandHandler<RegisterCustomer, CustomerRegistration>
{
    public async ValueTask<Result<CustomerRegistration>> HandleAsync(RegisterCustomer command, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7().ToString("N");
        var registered = new CustomerRegistered { CustomerId = id, Name = command.Name, OccurredAt = time.GetUtcNow() };

        // The state and its event commit together; the event is then sent to its handlers.
        return await customers.SaveAsync(id, new Customer(id, command.Name), expectedVersion: 0, [registered], cancellationToken)
            ? new CustomerRegistration(id)
            : Error.Conflict(CustomerErrors.Exists, $"Customer '{id}' already exists.");
    }
}
