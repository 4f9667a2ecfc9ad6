namespace ServerlessCqrs.Events.Redelivery;

/// <summary>
/// The failure policy's settings (<c>Cqrs:Events:Redelivery</c>): spacing for every event
/// (<c>Default</c>) and per event name (<c>Events:{Name}</c>), and exceptions to retry or to
/// dead-letter at once whatever the transient-error rules say.
/// </summary>
public sealed class RedeliveryOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Cqrs:Events:Redelivery";

    /// <summary>Spacing for every event type.</summary>
    public RedeliverySettings Default { get; set; } = new();

    /// <summary>Spacing for one event type, by name, over <see cref="Default"/>.</summary>
    public IDictionary<string, RedeliverySettings> Events { get; } = new Dictionary<string, RedeliverySettings>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Exception types (full or short names, base types match too) that are retried.</summary>
    public IList<string> RetryOn { get; } = [];

    /// <summary>Exception types that dead-letter the event at once, even when transient.</summary>
    public IList<string> DeadLetterOn { get; } = [];
}
