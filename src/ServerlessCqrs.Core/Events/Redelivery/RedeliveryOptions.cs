using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace ServerlessCqrs.Events;

/// <summary>
/// The failure policy's settings (<c>Cqrs:Events:Redelivery</c>): spacing for every event
/// (<c>Default</c>) and per event name (<c>Events:{Name}</c>), and exceptions to retry or to
/// dead-letter at once whatever the transient-error rules say.
/// </summary>
public sealed class RedeliveryOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = EventDeliveryOptions.SectionName + ":Redelivery";

    /// <summary>Spacing for every event type.</summary>
    [ValidateObjectMembers(typeof(RedeliverySettingsValidator))]
    public RedeliverySettings Default { get; set; } = new();

    /// <summary>Spacing for one event type, by name, over <see cref="Default"/>.</summary>
    public IDictionary<string, RedeliverySettings> Events { get; } = new Dictionary<string, RedeliverySettings>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Exception types (full or short names, base types match too) that are retried.</summary>
    public IList<string> RetryOn { get; } = [];

    /// <summary>Exception types that dead-letter the event at once, even when transient.</summary>
    public IList<string> DeadLetterOn { get; } = [];

    /// <summary>Checks each event's settings under its own key (a dictionary's values are beyond the generated validator).</summary>
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        var validator = new RedeliverySettingsValidator();
        foreach (var (name, settings) in Events)
        {
            settings.Section = $"{SectionName}:Events:{name}";
        }

        return [.. Events.Values
            .Select(settings => validator.Validate(null, settings))
            .Where(result => result.Failed)
            .SelectMany(result => result.Failures!)
            .Select(failure => new ValidationResult(failure))];
    }
}

[OptionsValidator]
internal sealed partial class RedeliveryOptionsValidator : IValidateOptions<RedeliveryOptions>;
