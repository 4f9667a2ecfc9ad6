namespace ServerlessApp.Domain;

/// <summary>A customer was registered.</summary>
public sealed record CustomerRegistered : Event
{
    /// <summary>The new customer.</summary>
    public required string CustomerId { get; init; }

    /// <summary>Its name.</summary>
    public required string Name { get; init; }
}
