using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace ServerlessCqrs.Storage;

/// <summary>
/// A position in a read-model partition's listing: the sort key and id of the last view a page held. Its
/// <see cref="ToString"/> form is the continuation token a list query hands to its caller — opaque (base64url)
/// and naming no partition, so a forged token can only move within the partition the caller may read.
/// Keyset paging: a view inserted meanwhile before the position never shifts the next page.
/// </summary>
/// <param name="SortKey">The sort key of the last view read.</param>
/// <param name="Id">The id of the last view read.</param>
public sealed record ReadModelCursor(string SortKey, string Id)
{
    /// <summary>The longest token <see cref="TryParse"/> reads.</summary>
    public const int MaxTokenLength = 1024;

    /// <summary>The continuation token.</summary>
    public override string ToString()
    {
        var text = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{SortKey.Length}:{SortKey}{Id}");
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>Reads a continuation token; false for anything <see cref="ToString"/> did not write.</summary>
    public static bool TryParse(string? token, [NotNullWhen(true)] out ReadModelCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength || !Base64Url.IsValid(token))
        {
            return false;
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Base64Url.DecodeFromChars(token));
        }
        catch (ArgumentException)
        {
            return false;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 1 || !int.TryParse(text.AsSpan(0, colon), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var length)
            || length > text.Length - colon - 1 || text.Length - colon - 1 - length == 0)
        {
            return false;
        }

        cursor = new ReadModelCursor(text.Substring(colon + 1, length), text[(colon + 1 + length)..]);
        return true;
    }
}
