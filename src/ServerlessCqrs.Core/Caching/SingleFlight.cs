using System.Collections.Concurrent;

namespace ServerlessCqrs.Caching;

/// <summary>
/// Runs one execution per key at a time and gives its outcome to every caller that arrives while it
/// runs; nothing is kept afterwards. What no-store queries use instead of the cache.
/// </summary>
internal sealed class SingleFlight<T>
{
    private readonly ConcurrentDictionary<string, Task<T>> _running = new(StringComparer.Ordinal);

    /// <summary>
    /// Joins the running execution for <paramref name="key"/> or starts <paramref name="run"/>. The
    /// execution is not cancelled by any one caller; <paramref name="cancellationToken"/> only stops this caller's wait.
    /// </summary>
    public Task<T> RunAsync(string key, Func<Task<T>> run, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_running.TryGetValue(key, out var running))
            {
                return running.WaitAsync(cancellationToken);
            }

            var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_running.TryAdd(key, completion.Task))
            {
                _ = CompleteAsync(key, completion, run);
                return completion.Task.WaitAsync(cancellationToken);
            }
        }
    }

    private async Task CompleteAsync(string key, TaskCompletionSource<T> completion, Func<Task<T>> run)
    {
        try
        {
            var value = await run().ConfigureAwait(false);
            _running.TryRemove(new(key, completion.Task));
            completion.SetResult(value);
        }
#pragma warning disable CA1031 // The execution's exception belongs to its callers: it is handed to every one of them.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            _running.TryRemove(new(key, completion.Task));
            completion.SetException(exception);
        }
    }
}
