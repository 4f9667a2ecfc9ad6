using ServerlessCqrs.Events;

namespace ServerlessCqrs.Testing;

/// <summary>What a kit saw go by: commands sent, events published, deliveries that did not complete.</summary>
internal sealed class MessageLog
{
    private readonly Lock _gate = new();
    private readonly List<object> _commands = [];
    private readonly List<IEvent> _events = [];
    private readonly List<(IEvent, DispatchDecision)> _failures = [];

    public IReadOnlyList<object> Commands => Snapshot(_commands);

    public IReadOnlyList<IEvent> Events => Snapshot(_events);

    public IReadOnlyList<(IEvent Event, DispatchDecision Decision)> Failures => Snapshot(_failures);

    public void Sent(object command) => Add(_commands, command);

    public void Published(IEvent @event) => Add(_events, @event);

    public void Failed(IEvent @event, DispatchDecision decision) => Add(_failures, (@event, decision));

    private void Add<T>(List<T> list, T item)
    {
        lock (_gate)
        {
            list.Add(item);
        }
    }

    private List<T> Snapshot<T>(List<T> list)
    {
        lock (_gate)
        {
            return [.. list];
        }
    }
}
