namespace ServerlessCqrs.Security;

/// <summary>Claim types the kernel reads or writes.</summary>
public static class CallerClaimTypes
{
    /// <summary>The tenant claim of Entra ID tokens.</summary>
    public const string Tenant = "tid";

    /// <summary>The tenant claim as Entra ID names it in App Service Authentication's principal.</summary>
    public const string TenantUri = "http://schemas.microsoft.com/identity/claims/tenantid";

    /// <summary>The object id of Entra ID tokens: the user, the same in every app of the tenant.</summary>
    public const string ObjectId = "oid";

    /// <summary>The object id as Entra ID names it in App Service Authentication's principal.</summary>
    public const string ObjectIdUri = "http://schemas.microsoft.com/identity/claims/objectidentifier";

    /// <summary>The subject of a JWT.</summary>
    public const string Subject = "sub";

    /// <summary>The roles of Entra ID tokens (app roles) and of <c>cqrs-ops token</c>.</summary>
    public const string Roles = "roles";
}
