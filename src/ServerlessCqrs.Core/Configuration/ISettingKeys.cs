namespace ServerlessCqrs.Configuration;

/// <summary>
/// Settings bound from configuration that know the key each property was read from, so a failed check
/// names the exact key (<c>Cqrs:Outbox:BatchSize</c>) rather than a type and property.
/// </summary>
public interface ISettingKeys
{
    /// <summary>The configuration key of <paramref name="property"/>.</summary>
    string KeyOf(string property);
}
