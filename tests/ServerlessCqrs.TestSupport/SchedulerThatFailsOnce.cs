using ServerlessCqrs.Events;
using ServerlessCqrs.Resilience;

namespace ServerlessCqrs.Testing;

/// <summary>
/// A transport whose first scheduling fails (a broker hiccup, or a crash right after a process saved its step), then
/// accepts every one with the handle <c>scheduled-{n}</c>, n counting every call.
/// </summary>
public sealed class SchedulerThatFailsOnce : IEventScheduler
{
    private int _calls;

    public ValueTask<string> ScheduleAsync(EventEnvelope envelope, DateTimeOffset dueAt, CancellationToken cancellationToken) =>
        Interlocked.Increment(ref _calls) is var call && call == 1
            ? throw new TransientException("The broker is not answering.")
            : ValueTask.FromResult($"scheduled-{call}");

    public ValueTask<bool> CancelAsync(string handle, CancellationToken cancellationToken) => ValueTask.FromResult(true);
}
