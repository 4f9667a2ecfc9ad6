using StackExchange.Redis;

namespace ServerlessCqrs.Redis;

/// <summary>
/// The one Redis connection the cache level, the backplane and the health check share. It is opened
/// on first use and never gives up: when Redis is down at start or goes away later, the multiplexer
/// keeps reconnecting in the background and caching resumes without a restart. While it is
/// disconnected, commands fail at once instead of queueing for the multiplexer's 5 s timeout: the
/// cache treats a failure as "Redis is away" and goes on in memory, so a wait would only hold requests.
/// </summary>
internal sealed class RedisConnection : IAsyncDisposable
{
    private readonly ConfigurationOptions _options;
    private readonly Lock _lock = new();
    private Task<IConnectionMultiplexer>? _connecting;

    public RedisConnection(string connectionString)
    {
        _options = ConfigurationOptions.Parse(connectionString);
        _options.AbortOnConnectFail = false;
        _options.BacklogPolicy = BacklogPolicy.FailFast;
    }

    /// <summary>The shared multiplexer; the first call starts connecting.</summary>
    public Task<IConnectionMultiplexer> ConnectAsync()
    {
        lock (_lock)
        {
            return _connecting ??= ConnectCoreAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Task<IConnectionMultiplexer>? connecting;
        lock (_lock)
        {
            connecting = _connecting;
        }

        if (connecting is not null)
        {
#pragma warning disable VSTHRD003 // The connection task is this object's own; awaiting it to close it cannot deadlock.
            await (await connecting.ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
#pragma warning restore VSTHRD003
        }
    }

    private async Task<IConnectionMultiplexer> ConnectCoreAsync() =>
        await ConnectionMultiplexer.ConnectAsync(_options).ConfigureAwait(false);
}
