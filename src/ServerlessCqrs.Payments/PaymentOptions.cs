using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace ServerlessCqrs.Payments;

/// <summary>Payments; configuration section <c>Payments</c>.</summary>
public sealed class PaymentOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Payments";

    /// <summary>How long a confirmed order waits for its payment before it is cancelled, 1 second to 30 days (default 15 minutes).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true,
        ErrorMessage = "Payments:Timeout must be between 00:00:01 and 30.00:00:00.")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(15);
}

[OptionsValidator]
internal sealed partial class PaymentOptionsValidator : IValidateOptions<PaymentOptions>;
