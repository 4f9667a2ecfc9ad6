namespace ServerlessCqrs.Processes;

/// <summary>
/// A long-running process that reacts to events, sends commands and waits for time: a saga. Its state is kept
/// per correlation id as an aggregate of the configured store, so every step is an optimistic-concurrency write
/// that also records what the step publishes, sends and schedules. Derive from <see cref="ProcessManager{TState}"/>
/// and register it with <c>AddProcess&lt;T&gt;()</c>.
/// </summary>
public abstract class ProcessManager
{
    /// <summary>Only <see cref="ProcessManager{TState}"/> derives from it.</summary>
    protected ProcessManager()
    {
    }

    /// <summary>The process's name: part of its records' ids, its handler name in the ledger, and a metric tag. Default: the type name.</summary>
    public virtual string Name => GetType().Name;

    internal abstract IReadOnlyList<ProcessSubscription> Subscriptions { get; }

    internal abstract ProcessDecision Decide(ProcessRecord? record, string correlationId, Action<object, object> handle, object message, DateTimeOffset now, System.Text.Json.JsonSerializerOptions json);

    internal abstract (Type Type, Action<object, object> Handle)? TimeoutHandler(string name);
}

/// <summary>An event a process reacts to: by its wire name, read as <see cref="MessageType"/>.</summary>
internal sealed record ProcessSubscription(Type MessageType, string EventName, bool Starts, Func<object, string> CorrelationIdOf, Action<object, object> Handle);
