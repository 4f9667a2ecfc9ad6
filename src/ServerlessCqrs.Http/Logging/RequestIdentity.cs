using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ServerlessCqrs.Diagnostics;

namespace ServerlessCqrs.Http.Logging;

/// <summary>
/// The tenant and user a request speaks for, as a logging scope around its messages: from the
/// authenticated principal's claims (<c>tid</c>, <c>sub</c>/<c>oid</c>/name identifier) or, where
/// App Service authentication or a gateway put them, the <c>X-MS-CLIENT-PRINCIPAL-ID</c> and
/// <c>X-Tenant-Id</c> headers. Ids only; nothing else about the caller is logged.
/// </summary>
internal static class RequestIdentity
{
    public const string TenantHeader = "X-Tenant-Id";
    public const string PrincipalHeader = "X-MS-CLIENT-PRINCIPAL-ID";

    /// <summary>Ids longer than this are not ids; they are left out rather than logged.</summary>
    private const int MaxLength = 128;

    /// <summary>The tenant and user ids the request carries, each <see langword="null"/> when absent or unusable.</summary>
    public static (string? Tenant, string? User) Of(HttpContext http)
    {
        var user = http.User;
        var tenant = Usable(user.FindFirstValue("tid") ?? user.FindFirstValue("http://schemas.microsoft.com/identity/claims/tenantid")
            ?? http.Request.Headers[TenantHeader]);
        var userId = Usable(user.FindFirstValue("sub") ?? user.FindFirstValue("oid") ?? user.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? http.Request.Headers[PrincipalHeader]);
        return (tenant, userId);
    }

    public static IDisposable? BeginScope(ILogger logger, HttpContext http)
    {
        var (tenant, userId) = Of(http);
        if (tenant is null && userId is null)
        {
            return null;
        }

        var fields = new Dictionary<string, object?>(2, StringComparer.Ordinal);
        if (tenant is not null)
        {
            fields[CqrsDiagnostics.LogScopeFields.TenantId] = tenant;
        }

        if (userId is not null)
        {
            fields[CqrsDiagnostics.LogScopeFields.UserId] = userId;
        }

        return logger.BeginScope(fields);
    }

    private static string? Usable(string? value) =>
        string.IsNullOrWhiteSpace(value) || value.Length > MaxLength || value.Any(char.IsControl) ? null : value;
}
