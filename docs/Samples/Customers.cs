using System.ComponentModel.DataAnnotations;
using ServerlessCqrs.Storage;

namespace ServerlessCqrs.Docs.Samples;

#region command-and-handler
// A command: what it carries, and the rules it must meet before any handler runs.
public sealed record RenameCustomer : ICommand
{
    [Required, StringLength(64)]
    public string CustomerId { get; init; } = "";

    [Required, StringLength(200)]
    public string Name { get; init; } = "";
}

// Its handler: load the aggregate, decide, save the new state with the events it raised.
internal sealed class RenameCustomerHandler(AggregateRepository<Customer> customers) : ICommandHandler<RenameCustomer>
{
    public async ValueTask<Result> HandleAsync(RenameCustomer command, CancellationToken cancellationToken)
    {
        var stored = await customers.LoadAsync(command.CustomerId, cancellationToken);
        if (stored is null)
        {
            return Error.NotFound("customer_not_found", $"There is no customer '{command.CustomerId}'.");
        }

        var (renamed, raised) = stored.Value.Rename(command.Name);

        // State and events commit together at the version the change was decided from, then the events are sent.
        return await customers.SaveAsync(command.CustomerId, renamed, stored.Version, [raised], cancellationToken)
            ? Result.Success
            : Error.Concurrency("The customer changed meanwhile."); // the resilience stage retries it: reload, decide again
    }
}
#endregion

#region event
// An event: a fact, with a time-ordered id and when it happened (the Event record supplies both).
[EventVersion(1)]
public sealed record CustomerRenamed : Event
{
    public required string CustomerId { get; init; }

    public required string Name { get; init; }
}
#endregion

/// <summary>The aggregate the samples change: immutable, each step returns the next state and its event.</summary>
public sealed record Customer(string Id, string Name)
{
    public (Customer Renamed, CustomerRenamed Raised) Rename(string name) =>
        (this with { Name = name }, new CustomerRenamed { CustomerId = Id, Name = name, OccurredAt = DateTimeOffset.UtcNow });
}
