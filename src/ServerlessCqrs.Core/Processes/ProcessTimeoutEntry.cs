namespace ServerlessCqrs.Processes;

/// <summary>A timeout a process waits for, as operators see it.</summary>
/// <param name="TimeoutId">Its id, which is also its token: cancel and reschedule take it.</param>
/// <param name="Process">The process manager.</param>
/// <param name="CorrelationId">The process instance.</param>
/// <param name="TenantId">The tenant the process runs for (<see langword="null"/>: the default tenant).</param>
/// <param name="Timeout">The timeout message's name.</param>
/// <param name="DueAt">When it is due.</param>
/// <param name="RequestedAt">When the process asked for it.</param>
/// <param name="Handle">The transport's handle of the scheduled delivery (a Service Bus sequence number, a queue message).</param>
public sealed record ProcessTimeoutEntry(
    Guid TimeoutId, string Process, string CorrelationId, string? TenantId, string Timeout, DateTimeOffset DueAt, DateTimeOffset RequestedAt, string? Handle);
