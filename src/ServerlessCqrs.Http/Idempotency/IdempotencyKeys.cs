using System.Security.Cryptography;
using System.Text;
using ServerlessCqrs.Security;

namespace ServerlessCqrs.Http.Idempotency;

/// <summary>
/// The store key of an <c>Idempotency-Key</c>: scoped to the authenticated caller (tenant and user) and
/// the command, so two clients that pick the same key never see each other's
/// results; hashed, so any header value makes a valid storage key.
/// </summary>
internal static class IdempotencyKeys
{
    public static string For(MessageCaller caller, string command, string key) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{caller.TenantId}\n{caller.UserId}\n{command}\n{key}")));
}
