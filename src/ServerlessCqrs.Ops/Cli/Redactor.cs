using System.Data.Common;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace ServerlessCqrs.Ops.Cli;

/// <summary>
/// Masks the secrets in the settings — the OpenObserve token and password (and the Basic credential made
/// from them), connection strings and their keys — in anything the CLI prints, so an SDK message that
/// quotes a setting cannot leak it.
/// </summary>
internal sealed class Redactor
{
    private const string Mask = "***";
    private static readonly string[] SecretKeys = ["OPENOBSERVE_TOKEN", "OPENOBSERVE_PASSWORD"];
    private static readonly string[] KeyParts = ["AccountKey", "SharedAccessKey", "SharedAccessSignature", "Password", "password"];
    private readonly string[] _secrets;

    private Redactor(IEnumerable<string> secrets) =>
        // Longest first, so a connection string is masked whole before the key inside it.
        _secrets = [.. secrets.Where(s => s.Length >= 4).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length)];

    /// <summary>The secrets of <paramref name="configuration"/>.</summary>
    public static Redactor For(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var secrets = new List<string>();
        foreach (var key in SecretKeys)
        {
            if (configuration[key] is { Length: > 0 } secret)
            {
                secrets.Add(secret);
            }
        }

        if (configuration["OPENOBSERVE_USER"] is { Length: > 0 } user && configuration["OPENOBSERVE_PASSWORD"] is { Length: > 0 } password)
        {
            secrets.Add(Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        }

        foreach (var connection in configuration.GetSection("ConnectionStrings").GetChildren())
        {
            if (connection.Value is { Length: > 0 } text && text.Contains('=', StringComparison.Ordinal))
            {
                secrets.Add(text);
                secrets.AddRange(KeysIn(text));
            }
        }

        return new Redactor(secrets);
    }

    /// <summary><paramref name="text"/> with every secret masked.</summary>
    public string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var secret in _secrets)
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return text;
    }

    private static IEnumerable<string> KeysIn(string connectionString)
    {
        var builder = new DbConnectionStringBuilder();
        try
        {
            builder.ConnectionString = connectionString;
        }
        catch (ArgumentException)
        {
            yield break;
        }

        foreach (var part in KeyParts)
        {
            if (builder.TryGetValue(part, out var value) && value is string { Length: > 0 } key)
            {
                yield return key;
            }
        }
    }
}
