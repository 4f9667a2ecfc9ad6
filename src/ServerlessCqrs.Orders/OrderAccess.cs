using ServerlessCqrs.Orders.Domain;
using ServerlessCqrs.Security;

namespace ServerlessCqrs.Orders;

/// <summary>
/// Who may act on an order, within its tenant (another tenant's orders are not found at all): its customer;
/// a holder of <see cref="AdminRole"/>; the service, acting on an event; and, on a host with no
/// authentication, the anonymous caller it lets through.
/// </summary>
public static class OrderAccess
{
    /// <summary>The role that acts on any order of its tenant.</summary>
    public const string AdminRole = "Orders.Admin";

    /// <summary>Whether <paramref name="caller"/> may act for <paramref name="customerId"/>.</summary>
    public static bool MayActFor(MessageCaller caller, string customerId)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.IsService || !caller.IsAuthenticated || string.Equals(caller.UserId, customerId, StringComparison.Ordinal)
            || caller.User.IsInRole(AdminRole);
    }

    /// <summary>
    /// The customer a request acts for: the one it names, or the caller itself when it names none and is a
    /// user. Fails when there is none (400) or the caller may not act for it (403).
    /// </summary>
    public static Result<string> CustomerFor(MessageCaller caller, string? requested)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var customerId = string.IsNullOrEmpty(requested) && caller is { IsAuthenticated: true, IsService: false } ? caller.UserId : requested;
        return customerId is null ? OrderErrors.CustomerRequired()
            : !MayActFor(caller, customerId) ? OrderErrors.NotYours(customerId)
            : customerId;
    }
}
