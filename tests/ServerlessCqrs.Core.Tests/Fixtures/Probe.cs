using System.Collections.Concurrent;

namespace ServerlessCqrs.Core.Tests.Fixtures;

/// <summary>Records what handlers and behaviors did, and makes them fail on cue.</summary>
public sealed class Probe
{
    private readonly ConcurrentQueue<string> _calls = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Exception>> _failures = new();

    public IReadOnlyList<string> Calls => [.. _calls];

    public int CountOf(string who) => _calls.Count(c => c == who);

    /// <summary>The next calls of <paramref name="who"/> throw these, in order; later calls succeed.</summary>
    public void FailNext(string who, params Exception[] failures)
    {
        var queue = _failures.GetOrAdd(who, _ => new ConcurrentQueue<Exception>());
        foreach (var failure in failures)
        {
            queue.Enqueue(failure);
        }
    }

    public void Hit(string who)
    {
        _calls.Enqueue(who);
        if (_failures.TryGetValue(who, out var queue) && queue.TryDequeue(out var failure))
        {
            throw failure;
        }
    }
}
