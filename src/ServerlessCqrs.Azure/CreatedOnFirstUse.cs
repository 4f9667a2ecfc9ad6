using System.Collections.Concurrent;

namespace ServerlessCqrs.Azure;

/// <summary>
/// Hands out clients for tables or queues, creating each entity the first time it is asked for
/// (once per process), so a fresh account or Azurite needs no setup step.
/// </summary>
internal sealed class CreatedOnFirstUse<TClient>(Func<string, TClient> client, Func<TClient, CancellationToken, Task> create) : IDisposable
    where TClient : class
{
    private readonly ConcurrentDictionary<string, TClient> _ready = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async ValueTask<TClient> GetAsync(string name, CancellationToken cancellationToken)
    {
        if (_ready.TryGetValue(name, out var ready))
        {
            return ready;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_ready.TryGetValue(name, out ready))
            {
                ready = client(name);
                await create(ready, cancellationToken).ConfigureAwait(false);
                _ready[name] = ready;
            }

            return ready;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
