using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessCqrs.Functions.Middleware;

namespace ServerlessCqrs.Functions.Security;

/// <summary>
/// The principal App Service Authentication ("Easy Auth") hands the app in <c>X-MS-CLIENT-PRINCIPAL</c>: base64
/// JSON with <c>auth_typ</c>, <c>name_typ</c>, <c>role_typ</c> and <c>claims</c> (<c>typ</c>, <c>val</c>). Trusted
/// only when the platform says authentication is on (<c>WEBSITE_AUTH_ENABLED=True</c>), for then the platform
/// sets the header and strips any a client sent; otherwise a client could forge it, so it is ignored (and a
/// warning is logged once per instance). A header that does not decode is refused, never guessed at.
/// </summary>
internal sealed partial class AppServiceAuthenticationHandler(
    IOptionsMonitor<AppServiceAuthenticationOptions> options, ILoggerFactory loggers, UrlEncoder encoder)
    : AuthenticationHandler<AppServiceAuthenticationOptions>(options, loggers, encoder)
{
    public const string SchemeName = "AppServiceAuthentication";
    public const string PrincipalHeader = "X-MS-CLIENT-PRINCIPAL";

    /// <summary>Larger than any principal the platform sends; a longer header is refused before it is decoded.</summary>
    private const int MaxHeaderLength = 64 * 1024;

    private static int s_ignoredWarned;

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers[PrincipalHeader];
        if (header.Count == 0)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!Options.Enabled)
        {
            if (Interlocked.Exchange(ref s_ignoredWarned, 1) == 0)
            {
                LogIgnored(Logger, PrincipalHeader);
            }

            return Task.FromResult(AuthenticateResult.NoResult());
        }

        return Task.FromResult(header.Count == 1 && Decode(header[0]) is { } principal
            ? AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName))
            : AuthenticateResult.Fail($"{PrincipalHeader} is not a base64 JSON client principal."));
    }

    /// <summary>The principal the header encodes, or <see langword="null"/> when it is not one.</summary>
    internal static ClaimsPrincipal? Decode(string? header)
    {
        if (string.IsNullOrEmpty(header) || header.Length > MaxHeaderLength)
        {
            return null;
        }

        var bytes = new byte[header.Length * 3 / 4 + 3];
        if (!Convert.TryFromBase64String(header, bytes, out var length))
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(bytes.AsMemory(0, length), new JsonDocumentOptions { MaxDepth = 8 });
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("claims", out var claims) || claims.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var identity = new ClaimsIdentity(
                Text(root, "auth_typ") ?? SchemeName, Text(root, "name_typ") ?? ClaimTypes.Name, Text(root, "role_typ") ?? ClaimTypes.Role);
            foreach (var claim in claims.EnumerateArray())
            {
                if (Text(claim, "typ") is not { } type || Text(claim, "val") is not { } value)
                {
                    return null;
                }

                identity.AddClaim(new Claim(type, value));
            }

            return new ClaimsPrincipal(identity);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    [LoggerMessage(EventId = FunctionsDiagnostics.LogEvents.ClientPrincipalIgnored, EventName = nameof(FunctionsDiagnostics.LogEvents.ClientPrincipalIgnored),
        Level = LogLevel.Warning,
        Message = "A request carried {header}, but App Service Authentication is off (WEBSITE_AUTH_ENABLED is not True): a client may have forged it, so it is ignored. Logged once per instance.")]
    private static partial void LogIgnored(ILogger logger, string header);
}

/// <summary>Whether App Service Authentication is on for this app.</summary>
internal sealed class AppServiceAuthenticationOptions : AuthenticationSchemeOptions
{
    /// <summary>The app setting the platform sets when authentication is on.</summary>
    public const string EnabledSetting = "WEBSITE_AUTH_ENABLED";

    public bool Enabled { get; set; }
}
