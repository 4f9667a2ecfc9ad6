using System.Text.Json;

namespace ServerlessCqrs.Processes;

/// <summary>
/// A process manager's stored record, one aggregate per process instance (stream <c>{process}~{correlation id}</c>):
/// the state it decides from, the timeouts it waits for, the commands it has still to send, and the messages
/// it has already acted on. The state is kept as JSON so operators can act on timeouts without the process's types.
/// </summary>
internal sealed record ProcessRecord
{
    /// <summary>How many handled message ids a record remembers, so a redelivery is recognised.</summary>
    public const int HandledMemory = 64;

    public required string Process { get; init; }

    public required string CorrelationId { get; init; }

    public ProcessStatus Status { get; init; }

    public JsonElement? State { get; init; }

    public DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset LastTransitionAt { get; init; }

    public IReadOnlyList<ProcessTimeout> Timeouts { get; init; } = [];

    public IReadOnlyList<ProcessCommand> Commands { get; init; } = [];

    public IReadOnlyList<Guid> Handled { get; init; } = [];

    /// <summary>The stream of a process instance.</summary>
    public static string StreamOf(string process, string correlationId) => $"{process}~{correlationId}";

    public string StreamId => StreamOf(Process, CorrelationId);

    /// <summary>Timeouts recorded but not yet handed to the transport, and commands recorded but not yet sent.</summary>
    public bool HasUnsentWork => Commands.Count > 0 || Timeouts.Any(t => t.Handle is null);

    public ProcessRecord Remember(Guid messageId) =>
        this with { Handled = [.. Handled.Append(messageId).TakeLast(HandledMemory)] };

    public ProcessRecord WithoutTimeout(Guid timeoutId) => this with { Timeouts = [.. Timeouts.Where(t => t.Id != timeoutId)] };

    public ProcessRecord WithHandle(Guid timeoutId, string handle) =>
        this with { Timeouts = [.. Timeouts.Select(t => t.Id == timeoutId ? t with { Handle = handle } : t)] };
}

/// <summary>Whether a process still runs.</summary>
public enum ProcessStatus
{
    /// <summary>Started and not completed: it handles messages and may wait for timeouts.</summary>
    Running,

    /// <summary>Completed: kept, so a late message still finds it, but it waits for no timeout.</summary>
    Completed,
}

/// <summary>A timeout a process waits for.</summary>
/// <param name="Id">The token: the delivered timeout's event id, checked against the record when it arrives.</param>
/// <param name="Name">The timeout message's name.</param>
/// <param name="Payload">The timeout message as JSON.</param>
/// <param name="DueAt">When it is due.</param>
/// <param name="RequestedAt">When the process asked for it.</param>
/// <param name="Handle">The transport's handle of the scheduled delivery; <see langword="null"/> until scheduled.</param>
/// <param name="RequestedBy">The W3C traceparent of the code that asked for it; the timeout's trace links to it.</param>
internal sealed record ProcessTimeout(Guid Id, string Name, string Payload, DateTimeOffset DueAt, DateTimeOffset RequestedAt, string? Handle, string? RequestedBy);

/// <summary>A command a process decided to send, kept until it has been sent.</summary>
internal sealed record ProcessCommand(Guid Id, string Name, string Payload);
