using Azure.Data.Tables;

namespace ServerlessCqrs.Azure.Tables;

/// <summary>
/// Text longer than one string property holds (32 K UTF-16 characters in 64 KiB), split over
/// numbered properties (<c>{name}0</c>, <c>{name}1</c>, …) with their count in <c>{name}Parts</c>.
/// </summary>
internal static class TableText
{
    public const int PartLength = 32 * 1024;

    /// <summary>An entity holds 1 MiB; fifteen parts leave room for the rest of the row.</summary>
    public const int MaxLength = 15 * PartLength;

    public static void Write(TableEntity entity, string name, string text, string what)
    {
        if (text.Length > MaxLength)
        {
            throw new ArgumentException($"{what} is {text.Length} characters; a table row holds at most {MaxLength}.", nameof(text));
        }

        var parts = 0;
        for (var at = 0; at < text.Length || parts == 0; at += PartLength)
        {
            entity[$"{name}{parts++}"] = text.Substring(at, Math.Min(PartLength, text.Length - at));
        }

        entity[$"{name}Parts"] = parts;
    }

    public static string Read(TableEntity entity, string name) =>
        string.Concat(Enumerable.Range(0, entity.GetInt32($"{name}Parts") ?? 0).Select(i => entity.GetString($"{name}{i}")));
}
