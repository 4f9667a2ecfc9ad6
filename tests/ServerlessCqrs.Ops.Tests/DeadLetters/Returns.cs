using System.Collections.Concurrent;

namespace ServerlessCqrs.Ops.Tests.DeadLetters;

/// <summary>A parcel came back; the returns desk handles it unless it is closed.</summary>
public sealed record ParcelReturned : Event
{
    public string Label { get; init; } = "";
}

/// <summary>Whether the desk is open, and what it handled.</summary>
public sealed class ReturnsProbe
{
    private readonly ConcurrentDictionary<Guid, int> _handled = new();

    public bool Closed { get; set; }

    public int TimesHandled(Guid eventId) => _handled.GetValueOrDefault(eventId);

    public void Handled(Guid eventId) => _handled.AddOrUpdate(eventId, 1, (_, n) => n + 1);
}

public sealed class ReturnsDesk(ReturnsProbe probe) : IEventHandler<ParcelReturned>
{
    public ValueTask HandleAsync(ParcelReturned @event, CancellationToken cancellationToken)
    {
        if (probe.Closed)
        {
            throw new InvalidOperationException("The returns desk is closed.");
        }

        probe.Handled(@event.EventId);
        return ValueTask.CompletedTask;
    }
}
