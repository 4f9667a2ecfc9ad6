namespace ServerlessCqrs.Security;

/// <summary>
/// Marks a query whose answer is the same for every tenant (a product catalogue, say): its cached results
/// are shared across tenants. Queries without it are cached per tenant.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class TenantIndependentAttribute : Attribute;
