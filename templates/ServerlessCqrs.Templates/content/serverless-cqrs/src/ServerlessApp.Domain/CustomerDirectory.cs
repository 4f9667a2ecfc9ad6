using ServerlessCqrs.Storage;

namespace ServerlessApp.Domain;

/// <summary>One entry of the customer directory, a read model kept by <see cref="CustomerDirectoryProjection"/>.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Name">Its name.</param>
/// <param name="RegisteredAt">When it was registered.</param>
public sealed record CustomerListing(string CustomerId, string Name, DateTimeOffset RegisteredAt);

/// <summary>Keeps the customer directory: once per event, on any instance, whatever the order of arrival.</summary>
public sealed class CustomerDirectoryProjection(ReadModel<CustomerListing> directory) : IEventHandler<CustomerRegistered>
{
    /// <summary>The read model's name (its table, in Table Storage).</summary>
    public const string Name = "CustomerDirectory";

    /// <summary>The one partition the directory keeps.</summary>
    public const string Partition = "all";

    /// <inheritdoc />
    public async ValueTask HandleAsync(CustomerRegistered @event, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(@event);

        // Written only if absent: a redelivered event changes nothing.
        var listing = new CustomerListing(@event.CustomerId, @event.Name, @event.OccurredAt);
        await directory.TryWriteAsync(Partition, @event.CustomerId, listing, sortKey: @event.Name, expectedRevision: null, cancellationToken);
    }
}
