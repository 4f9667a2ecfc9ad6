namespace ServerlessCqrs.Resilience;

/// <summary>
/// The timeout of a first attempt, paid for only when the attempt goes asynchronous. The attempt gets
/// a token of its own from the start, but the timer and the link to the caller's token are set up
/// only once it is known to be pending: an attempt that completes synchronously (a cache hit, an
/// in-memory handler) costs a token source taken from and given back to a per-thread spare.
/// Synchronous work cannot be interrupted by a timeout anyway, so the timeout counts from the moment
/// the attempt goes asynchronous, and no clock is read before. As with Polly's pooled token sources,
/// an attempt's token is only good until the attempt ends: callbacks left on it are removed then.
/// </summary>
internal struct AttemptDeadline
{
    [ThreadStatic]
    private static CancellationTokenSource? t_spare;

    private readonly CancellationTokenSource? _source;
    private readonly CancellationToken _caller;
    private readonly TimeSpan _timeout;
    private long? _armedAt;
    private CancellationTokenRegistration _link;

    private AttemptDeadline(TimeSpan timeout, CancellationToken caller)
    {
        _timeout = timeout;
        _caller = caller;
        if (timeout > TimeSpan.Zero)
        {
            _source = t_spare ?? new CancellationTokenSource();
            t_spare = null;
        }
    }

    /// <summary>When the attempt's time started to count (a <see cref="TimeProvider.System"/> timestamp): when it went asynchronous, or now.</summary>
    public readonly long StartedAt => _armedAt ?? TimeProvider.System.GetTimestamp();

    /// <summary>The token to give the attempt: its own when there is a timeout, else the caller's.</summary>
    public readonly CancellationToken Token => _source?.Token ?? _caller;

    /// <summary>Whether the attempt was cancelled by this timeout rather than by the caller.</summary>
    public readonly bool TimedOut => _source is { IsCancellationRequested: true } && !_caller.IsCancellationRequested;

    /// <summary>The timeout, for the exception that reports it.</summary>
    public readonly TimeSpan Timeout => _timeout;

    /// <summary>Starts an attempt with a timeout (zero: none, and nothing to set up).</summary>
    public static AttemptDeadline Start(TimeSpan timeout, CancellationToken caller) => new(timeout, caller);

    /// <summary>The attempt is pending: start the timer and follow the caller's cancellation.</summary>
    public void Arm()
    {
        _armedAt = TimeProvider.System.GetTimestamp();
        if (_source is null)
        {
            return;
        }

        _source.CancelAfter(_timeout);
        _link = _caller.UnsafeRegister(static source => ((CancellationTokenSource)source!).Cancel(), _source);
    }

    /// <summary>The attempt is over: unlink, and keep the source for the next attempt on this thread if it can be reset.</summary>
    public readonly void End()
    {
        if (_source is null)
        {
            return;
        }

        _link.Dispose();
        if (_source.TryReset())
        {
            t_spare = _source;
        }
        else
        {
            _source.Dispose();
        }
    }
}
