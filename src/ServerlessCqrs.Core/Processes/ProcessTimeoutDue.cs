namespace ServerlessCqrs.Processes;

/// <summary>
/// A process's timeout, delivered by the transport when due. It names the process and carries the timeout's
/// token as its event id; the timeout message itself stays in the process's record, so a delivery whose token
/// the record no longer holds (cancelled, rescheduled, completed) is ignored.
/// </summary>
[MessageName(WireName)]
public sealed record ProcessTimeoutDue : Event
{
    /// <summary>Its name on the wire.</summary>
    public const string WireName = "ProcessTimeoutDue";

    /// <summary>The process manager's name.</summary>
    public required string Process { get; init; }

    /// <summary>The process instance.</summary>
    public required string CorrelationId { get; init; }

    /// <summary>The timeout message's name.</summary>
    public required string Timeout { get; init; }

    /// <summary>When it is due.</summary>
    public required DateTimeOffset DueAt { get; init; }

    /// <summary>The W3C traceparent of the code that asked for it: the delivery starts a trace of its own, linked to that one.</summary>
    public string? RequestedBy { get; init; }
}

/// <summary>Hands a due timeout to its process.</summary>
internal sealed class ProcessTimeoutHandler(ProcessRuntime runtime, IServiceProvider services) : IEventHandler<ProcessTimeoutDue>
{
    public ValueTask HandleAsync(ProcessTimeoutDue @event, CancellationToken cancellationToken) =>
        runtime.HandleTimeoutAsync(@event, services, cancellationToken);
}
