namespace ServerlessApp.Domain;

/// <summary>Adds this domain to the kernel.</summary>
public static class DomainCqrsBuilderExtensions
{
    /// <summary>Registers the domain's messages and handlers, and its read model.</summary>
    public static CqrsBuilder AddDomain(this CqrsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddHandlersFrom(typeof(DomainCqrsBuilderExtensions).Assembly)
            .AddReadModel<CustomerListing>(CustomerDirectoryProjection.Name);
    }
}
