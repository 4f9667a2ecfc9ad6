namespace ServerlessCqrs.Pipeline;

/// <summary>
/// Where a behavior goes in the ordered list of behaviors around a handler: innermost (the default), outermost,
/// or just before or after one of the <see cref="PipelineStages"/>. Behaviors given the same position run in
/// the order they were added.
/// </summary>
public readonly record struct PipelinePosition
{
    private PipelinePosition(string? stage, bool after, bool outermost)
    {
        Stage = stage;
        IsAfter = after;
        IsOutermost = outermost;
    }

    /// <summary>Closest to the handler, inside resilience: retried with it, skipped by a cache hit.</summary>
    public static PipelinePosition Innermost => default;

    /// <summary>Around everything, telemetry included.</summary>
    public static PipelinePosition Outermost { get; } = new(null, after: false, outermost: true);

    /// <summary>The built-in stage this position is relative to, or <see langword="null"/>.</summary>
    public string? Stage { get; }

    /// <summary>Whether the behavior goes after <see cref="Stage"/> (inside it) rather than before.</summary>
    public bool IsAfter { get; }

    /// <summary>Whether the behavior goes around everything.</summary>
    public bool IsOutermost { get; }

    /// <summary>
    /// Just outside <paramref name="stage"/>. <c>Before(PipelineStages.Validation)</c> runs on every call, cache
    /// hits included, after telemetry and logging have started: the place for authorization or tenancy checks.
    /// </summary>
    public static PipelinePosition Before(string stage) => new(Known(stage), after: false, outermost: false);

    /// <summary>Just inside <paramref name="stage"/>, before the next built-in stage.</summary>
    public static PipelinePosition After(string stage) => new(Known(stage), after: true, outermost: false);

    /// <inheritdoc />
    public override string ToString() => IsOutermost ? "outermost" : Stage is null ? "innermost" : $"{(IsAfter ? "after" : "before")} {Stage}";

    private static string Known(string stage) =>
        Array.IndexOf(PipelineStages.All, stage) >= 0
            ? stage
            : throw new ArgumentException(
                $"'{stage}' is not a pipeline stage; use one of PipelineStages: {string.Join(", ", PipelineStages.All)}.", nameof(stage));
}
