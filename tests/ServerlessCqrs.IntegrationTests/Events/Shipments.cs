using System.Collections.Concurrent;

namespace ServerlessCqrs.IntegrationTests.Events;

/// <summary>A test event with two handlers whose failures a test can script.</summary>
public sealed record ParcelShipped : Event
{
    public string Label { get; init; } = "";
}

/// <summary>
/// Records every handler run per event id (attempts and successes) and fails the next runs of a
/// handler as scripted, so a test can count events in against events handled.
/// </summary>
public sealed class ShipmentProbe
{
    private readonly ConcurrentDictionary<(string Handler, Guid EventId), int> _attempts = new();
    private readonly ConcurrentDictionary<(string Handler, Guid EventId), int> _successes = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Exception>> _failures = new();

    public void FailNext(string handler, params Exception[] failures)
    {
        var queue = _failures.GetOrAdd(handler, _ => new ConcurrentQueue<Exception>());
        foreach (var failure in failures)
        {
            queue.Enqueue(failure);
        }
    }

    public int AttemptsOf(string handler, Guid eventId) => _attempts.GetValueOrDefault((handler, eventId));

    public int SuccessesOf(string handler, Guid eventId) => _successes.GetValueOrDefault((handler, eventId));

    public int EventsHandledBy(string handler) => _successes.Keys.Count(k => k.Handler == handler);

    public int MostSuccessesOfOneEvent => _successes.Values.DefaultIfEmpty(0).Max();

    public void Run(string handler, Guid eventId)
    {
        _attempts.AddOrUpdate((handler, eventId), 1, (_, n) => n + 1);
        if (_failures.TryGetValue(handler, out var queue) && queue.TryDequeue(out var failure))
        {
            throw failure;
        }

        _successes.AddOrUpdate((handler, eventId), 1, (_, n) => n + 1);
    }
}

public sealed class LabelPrinter(ShipmentProbe probe) : IEventHandler<ParcelShipped>
{
    public ValueTask HandleAsync(ParcelShipped @event, CancellationToken cancellationToken)
    {
        probe.Run(nameof(LabelPrinter), @event.EventId);
        return ValueTask.CompletedTask;
    }
}

public sealed class CustomerNotifier(ShipmentProbe probe) : IEventHandler<ParcelShipped>
{
    public ValueTask HandleAsync(ParcelShipped @event, CancellationToken cancellationToken)
    {
        probe.Run(nameof(CustomerNotifier), @event.EventId);
        return ValueTask.CompletedTask;
    }
}
