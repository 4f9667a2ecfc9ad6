using ServerlessCqrs.Processes;

namespace ServerlessCqrs.Core.Tests.Processes;

/// <summary>Something was counted under a key.</summary>
public sealed record Counted : Event
{
    public required string Key { get; init; }
}

/// <summary>Counts, and asks for a reminder each time: a step that is not idempotent by itself.</summary>
public sealed class TallyProcess : ProcessManager<Tally>
{
    public TallyProcess()
    {
        StartedBy<Counted>(e => e.Key, (process, _) =>
        {
            process.State = new Tally((process.State?.Count ?? 0) + 1);
            process.RequestTimeout(TimeSpan.FromHours(1), new Reminder());
        });
        OnTimeout<Reminder>((process, _) => process.Complete());
    }
}

public sealed record Tally(int Count);

public sealed record Reminder;
