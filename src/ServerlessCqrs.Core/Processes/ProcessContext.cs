namespace ServerlessCqrs.Processes;

/// <summary>
/// What a process manager's handler sees and decides: the state, the time, and what to do next. Decisions are
/// recorded, not performed: the kernel saves the new state with the events to publish, the commands to send and
/// the timeouts to schedule in one write, then sends and schedules them.
/// </summary>
/// <typeparam name="TState">The process's state; keep it immutable.</typeparam>
public sealed class ProcessContext<TState>
    where TState : class
{
    private readonly List<IEvent> _events = [];
    private readonly List<object> _commands = [];
    private readonly List<(TimeSpan Delay, object Message)> _timeouts = [];

    internal ProcessContext(string correlationId, TState? state, ProcessStatus status, IReadOnlyList<string> pendingTimeouts, DateTimeOffset now)
    {
        CorrelationId = correlationId;
        State = state;
        IsCompleted = status == ProcessStatus.Completed;
        PendingTimeouts = pendingTimeouts;
        Now = now;
    }

    /// <summary>The id that ties the process's messages together, such as the order id.</summary>
    public string CorrelationId { get; }

    /// <summary>The state; <see langword="null"/> until the first handler sets it.</summary>
    public TState? State { get; set; }

    /// <summary>The current time, from the host's <see cref="TimeProvider"/>.</summary>
    public DateTimeOffset Now { get; }

    /// <summary>Whether the process has completed (now or before).</summary>
    public bool IsCompleted { get; private set; }

    /// <summary>The names of the timeouts the process waits for.</summary>
    public IReadOnlyList<string> PendingTimeouts { get; private set; }

    internal IReadOnlyList<IEvent> Events => _events;

    internal IReadOnlyList<object> Commands => _commands;

    internal IReadOnlyList<(TimeSpan Delay, object Message)> Timeouts => _timeouts;

    internal bool CancelsTimeouts { get; private set; }

    /// <summary>Publishes an event, saved with the state through the outbox.</summary>
    public void Publish(IEvent @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        _events.Add(@event);
    }

    /// <summary>
    /// Sends a command once the state is saved: a registered command, or a contract of another context's command
    /// (a record whose <see cref="MessageNameAttribute"/> or type name is the command's name), sent as JSON by name.
    /// Delivery is at least once, so the receiving handler must treat a repeat as done.
    /// </summary>
    public void Send(object command)
    {
        ArgumentNullException.ThrowIfNull(command);
        _commands.Add(command);
    }

    /// <summary>
    /// Asks for <paramref name="timeout"/> to come back to this process after <paramref name="delay"/>, through
    /// the transport's delayed delivery. Its handler (<c>OnTimeout</c>) runs once it is due, unless the process
    /// cancels it, completes or an operator cancels it first.
    /// </summary>
    public void RequestTimeout(TimeSpan delay, object timeout)
    {
        ArgumentNullException.ThrowIfNull(timeout);
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        if (IsCompleted)
        {
            throw new InvalidOperationException($"Process {CorrelationId} has completed; a completed process waits for no timeout.");
        }

        _timeouts.Add((delay, timeout));
    }

    /// <summary>Cancels every timeout the process waits for, including ones asked for earlier in this handler.</summary>
    public void CancelTimeouts()
    {
        CancelsTimeouts = true;
        PendingTimeouts = [];
        _timeouts.Clear();
    }

    /// <summary>Completes the process: its timeouts are cancelled; its record is kept, so later messages still find it.</summary>
    public void Complete()
    {
        CancelTimeouts();
        IsCompleted = true;
    }
}
