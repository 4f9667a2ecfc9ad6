using System.Text.Json;
using ServerlessCqrs.Registry;

namespace ServerlessCqrs.Processes;

/// <summary>
/// A process manager with state <typeparamref name="TState"/>. Declare in the constructor which events start it
/// (<see cref="StartedBy{TEvent}"/>), which it handles (<see cref="Handles{TEvent}"/>) and which timeouts it waits
/// for (<see cref="OnTimeout{TTimeout}"/>); each handler decides through its <see cref="ProcessContext{TState}"/>.
/// Handlers are plain decisions — no I/O — so a step can be retried, and tested without a host.
/// </summary>
/// <remarks>
/// An event may be another context's: declare a contract record with the event's name (<see cref="MessageNameAttribute"/>)
/// and the fields this process reads; it is read from the event's JSON, so no project reference is needed.
/// An event for a process that has not started, and that does not start one, is ignored.
/// </remarks>
public abstract class ProcessManager<TState> : ProcessManager
    where TState : class
{
    private readonly List<ProcessSubscription> _subscriptions = [];
    private readonly Dictionary<string, (Type Type, Action<object, object> Handle)> _timeouts = new(StringComparer.Ordinal);

    internal override IReadOnlyList<ProcessSubscription> Subscriptions => _subscriptions;

    /// <summary>An event that starts the process for <paramref name="correlationId"/>, or reaches it if it runs already.</summary>
    protected void StartedBy<TEvent>(Func<TEvent, string> correlationId, Action<ProcessContext<TState>, TEvent> handle)
        where TEvent : class => Subscribe(starts: true, correlationId, handle);

    /// <summary>An event the process handles once started; before that, it is ignored.</summary>
    protected void Handles<TEvent>(Func<TEvent, string> correlationId, Action<ProcessContext<TState>, TEvent> handle)
        where TEvent : class => Subscribe(starts: false, correlationId, handle);

    /// <summary>A timeout the process asks for with <see cref="ProcessContext{TState}.RequestTimeout"/>, and what it does when it is due.</summary>
    protected void OnTimeout<TTimeout>(Action<ProcessContext<TState>, TTimeout> handle)
        where TTimeout : class
    {
        ArgumentNullException.ThrowIfNull(handle);
        _timeouts.Add(MessageShape.NameOf(typeof(TTimeout)), (typeof(TTimeout), (context, timeout) => handle((ProcessContext<TState>)context, (TTimeout)timeout)));
    }

    internal override (Type Type, Action<object, object> Handle)? TimeoutHandler(string name) =>
        _timeouts.TryGetValue(name, out var handler) ? handler : null;

    internal override ProcessDecision Decide(
        ProcessRecord? record, string correlationId, Action<object, object> handle, object message, DateTimeOffset now, JsonSerializerOptions json)
    {
        var state = record?.State is { } stored ? stored.Deserialize<TState>(json) : null;
        var pending = record?.Timeouts.Select(t => t.Name).ToArray() ?? [];
        var context = new ProcessContext<TState>(correlationId, state, record?.Status ?? ProcessStatus.Running, pending, now);
        handle(context, message);
        foreach (var (_, timeout) in context.Timeouts)
        {
            if (!_timeouts.ContainsKey(MessageShape.NameOf(timeout.GetType())))
            {
                throw new InvalidOperationException($"{Name} asked for a {timeout.GetType().Name} timeout but declares no OnTimeout<{timeout.GetType().Name}>.");
            }
        }

        return new ProcessDecision(
            context.State is null ? null : JsonSerializer.SerializeToElement(context.State, json),
            context.IsCompleted, context.CancelsTimeouts, context.Events, context.Commands, context.Timeouts);
    }

    private void Subscribe<TEvent>(bool starts, Func<TEvent, string> correlationId, Action<ProcessContext<TState>, TEvent> handle)
        where TEvent : class
    {
        ArgumentNullException.ThrowIfNull(correlationId);
        ArgumentNullException.ThrowIfNull(handle);
        _subscriptions.Add(new ProcessSubscription(typeof(TEvent), MessageShape.NameOf(typeof(TEvent)), starts,
            message => correlationId((TEvent)message), (context, message) => handle((ProcessContext<TState>)context, (TEvent)message)));
    }
}

/// <summary>What one step of a process decided.</summary>
internal sealed record ProcessDecision(
    JsonElement? State, bool Completed, bool CancelsTimeouts, IReadOnlyList<IEvent> Events, IReadOnlyList<object> Commands,
    IReadOnlyList<(TimeSpan Delay, object Message)> Timeouts);
