using Microsoft.Extensions.Hosting;
using ServerlessCqrs.Caching;
using StackExchange.Redis;

namespace ServerlessCqrs.IntegrationTests.Caching;

/// <summary>The query cache with a real Redis as second level and backplane, across hosts and Redis failures.</summary>
public sealed class RedisCacheTests : IAsyncLifetime
{
    private readonly QuoteBoard _board = new();
    private RedisServer _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisServer.StartAsync();

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    [Fact]
    public async Task ANewHostsFirstRead_IsAHit_FromRedis()
    {
        using (var first = await StartHostAsync())
        {
            Assert.Equal(CacheOutcome.Miss, (await QueryAsync(first, "ACME")).Outcome);
            await Eventually.HoldsAsync(() => StoredInRedisAsync("GetQuote"), "the result reaches Redis");
            await first.StopAsync();
        }

        using var restarted = await StartHostAsync();
        var (quote, outcome) = await QueryAsync(restarted, "ACME");

        Assert.Equal((new Quote("ACME", 1m), CacheOutcome.Hit), (quote, outcome));
        Assert.Equal(1, _board.Reads);
    }

    [Fact]
    public async Task AnInvalidationOnOneHost_ClearsTheOthersMemory_ThroughTheBackplane()
    {
        using var one = await StartHostAsync();
        using var other = await StartHostAsync();
        await QueryAsync(one, "ACME");
        await Eventually.HoldsAsync(() => StoredInRedisAsync("GetQuote"), "the result reaches Redis");
        Assert.Equal(CacheOutcome.Hit, (await QueryAsync(other, "ACME")).Outcome);

        _board.Set("ACME", 2m);
        await one.Services.GetRequiredService<IQueryCache>().InvalidateTagsAsync(["symbol:ACME"]);

        await Eventually.HoldsAsync(async () => (await QueryAsync(other, "ACME")).Quote.Price == 2m, "the other host serves the new price");
    }

    [Fact]
    public async Task WithRedisKilled_QueriesKeepWorking_AndCachingInRedisResumesWhenItReturns()
    {
        using var host = await StartHostAsync();
        await QueryAsync(host, "ACME");

        await _redis.KillAsync();
        var whileDown = new List<decimal>();
        foreach (var symbol in new[] { "ACME", "BETA", "GAMMA" })
        {
            _board.Set(symbol, 3m);
            whileDown.Add((await QueryAsync(host, symbol)).Quote.Price);
        }

        await host.Services.GetRequiredService<IQueryCache>().InvalidateTagsAsync(["symbol:BETA"]);
        await _redis.RestartAsync();

        // The cache reconnects by itself: a result computed now reaches Redis, and another host hits it.
        await Eventually.HoldsAsync(async () =>
        {
            await host.Services.GetRequiredService<IQueryCache>().RefreshAsync(new GetQuote("DELTA"));
            return await StoredInRedisAsync("GetQuote");
        }, "results reach the restarted Redis", TimeSpan.FromSeconds(30));
        using var other = await StartHostAsync();

        Assert.Equal([1m, 3m, 3m], whileDown);
        Assert.Equal(CacheOutcome.Hit, (await QueryAsync(other, "DELTA")).Outcome);
    }

    private Task<IHost> StartHostAsync() => CqrsTestHost.StartAsync(
        (services, cqrs) =>
        {
            services.AddSingleton(_board);
            cqrs.AddHandler<GetQuoteHandler>().AddRedisQueryCache();
        },
        new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = _redis.ConnectionString });

    private static async Task<(Quote Quote, CacheOutcome Outcome)> QueryAsync(IHost host, string symbol)
    {
        var (result, status) = await host.Services.QueryWithCacheStatusAsync(new GetQuote(symbol));
        return (result.Value, status!.Outcome);
    }

    private async Task<bool> StoredInRedisAsync(string queryName)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString + ",abortConnect=false");
        await foreach (var _ in connection.GetServer(connection.GetEndPoints()[0]).KeysAsync(pattern: $"*q:{queryName}:*"))
        {
            return true;
        }

        return false;
    }
}
