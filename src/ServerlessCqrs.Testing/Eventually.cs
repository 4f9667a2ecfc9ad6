namespace ServerlessCqrs.Testing;

/// <summary>
/// Waits for eventually consistent state (a projection, a background delivery). The timeout bounds a
/// hung test; it is not a performance assertion.
/// </summary>
public static class Eventually
{
    /// <summary>How long it waits unless told otherwise.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Polls until <paramref name="condition"/> holds, failing with <paramref name="what"/> on timeout.</summary>
    public static async Task HoldsAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (!await condition().ConfigureAwait(false))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting until {what}.");
            }

            await Task.Delay(20).ConfigureAwait(false);
        }
    }

    /// <summary>Polls a synchronous condition.</summary>
    public static Task HoldsAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        HoldsAsync(() => Task.FromResult(condition()), what, timeout);
}
