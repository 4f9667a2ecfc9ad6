using System.CommandLine.Parsing;
using System.Globalization;

namespace ServerlessCqrs.Ops.Cli;

/// <summary>Durations on the command line: <c>90s</c>, <c>5m</c>, <c>1h</c>, or a time span such as <c>00:01:30</c>.</summary>
internal static class Durations
{
    /// <summary>The duration in an option's token; a parse error names the option otherwise.</summary>
    public static TimeSpan Parse(ArgumentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (TryParse(text, out var duration) && duration > TimeSpan.Zero)
        {
            return duration;
        }

        result.AddError($"'{text}' is not a duration: write 30s, 5m, 1h or 00:01:30.");
        return default;
    }

    /// <summary>A duration as the CLI prints it: <c>250ms</c>, <c>90s</c> or <c>5m</c>.</summary>
    public static string Format(TimeSpan duration) => duration.TotalSeconds switch
    {
        < 1 => $"{duration.TotalMilliseconds:0}ms",
        < 120 => $"{duration.TotalSeconds:0.#}s",
        _ => $"{duration.TotalMinutes:0.#}m",
    };

    private static bool TryParse(string text, out TimeSpan duration)
    {
        duration = default;
        if (text.Length > 1 && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount))
        {
            duration = char.ToLowerInvariant(text[^1]) switch
            {
                's' => TimeSpan.FromSeconds(amount),
                'm' => TimeSpan.FromMinutes(amount),
                'h' => TimeSpan.FromHours(amount),
                _ => default,
            };
            return duration != default;
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration);
    }
}
