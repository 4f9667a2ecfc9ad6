using System.Buffers;

namespace ServerlessCqrs.Azure.Tables;

/// <summary>
/// What a PartitionKey or RowKey may hold: no <c>/</c>, <c>\</c>, <c>#</c>, <c>?</c> or control characters,
/// at most 1 KiB, which is 512 UTF-16 characters. A key that breaks this is refused before a request is sent:
/// the service (or Azurite) would answer it only after the SDK's retries, seconds later.
/// </summary>
internal static class TableKeys
{
    private const int MaxLength = 512;

    private static readonly SearchValues<char> Refused = SearchValues.Create("/\\#?");

    public static string Checked(string key, string what)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Length <= MaxLength && !key.AsSpan().ContainsAny(Refused) && !key.Any(char.IsControl)
            ? key
            : throw new ArgumentException(
                $"{what} '{key[..Math.Min(key.Length, 64)]}' cannot be a Table Storage key: no /, \\, #, ?, control characters or more than {MaxLength} characters.",
                nameof(key));
    }
}
