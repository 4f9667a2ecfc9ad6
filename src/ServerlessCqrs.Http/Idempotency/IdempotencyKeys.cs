using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using ServerlessCqrs.Http.Logging;

namespace ServerlessCqrs.Http.Idempotency;

/// <summary>
/// The store key of an <c>Idempotency-Key</c>: scoped to the caller (tenant and user, when the request
/// carries them) and the command, so two clients that pick the same key never see each other's
/// results; hashed, so any header value makes a valid storage key.
/// </summary>
internal static class IdempotencyKeys
{
    public static string For(HttpContext httpContext, string command, string key)
    {
        var (tenant, user) = RequestIdentity.Of(httpContext);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{tenant}\n{user}\n{command}\n{key}")));
    }
}
