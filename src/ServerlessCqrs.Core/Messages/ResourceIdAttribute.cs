using System.Buffers;
using System.ComponentModel.DataAnnotations;

namespace ServerlessCqrs;

/// <summary>
/// Marks a message field that names a stored thing (an order id, a customer id): it must be a key every
/// store can hold, so a bad id is a 400 at once rather than a store's error. Refused: <c>/</c>, <c>\</c>,
/// <c>#</c>, <c>?</c> (Table Storage keys cannot hold them), <c>|</c> (it separates a tenant from a key),
/// control characters and more than <see cref="MaxLength"/> characters. <see langword="null"/> is left to
/// <c>[Required]</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter, AllowMultiple = false)]
public sealed class ResourceIdAttribute : ValidationAttribute
{
    /// <summary>
    /// The longest id: a Table Storage key holds 512 UTF-16 characters, and a tenant's key is its id (up to
    /// <see cref="Security.TenantIds.MaxLength"/>), a separator and this.
    /// </summary>
    public const int MaxLength = 400;

    private static readonly SearchValues<char> Refused = SearchValues.Create("/\\#?|");

    /// <summary>Creates the rule with its message.</summary>
    public ResourceIdAttribute()
        : base($"The field {{0}} must be an id of at most {MaxLength} characters without /, \\, #, ?, | or control characters.")
    {
    }

    /// <inheritdoc />
    public override bool IsValid(object? value) => value switch
    {
        null => true,
        string id => IsValidId(id),
        _ => false,
    };

    /// <summary>Whether <paramref name="id"/> is a key every store can hold.</summary>
    public static bool IsValidId(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return id.Length <= MaxLength && !id.AsSpan().ContainsAny(Refused) && !id.Any(char.IsControl);
    }
}
