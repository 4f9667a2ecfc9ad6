using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ServerlessCqrs.Redis;

/// <summary>Pings Redis. Unreachable is <em>degraded</em>, not unhealthy: queries keep working from memory and their handlers.</summary>
internal sealed class RedisHealthCheck(RedisConnection connection) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var multiplexer = await connection.ConnectAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        if (!multiplexer.IsConnected)
        {
            return HealthCheckResult.Degraded("Redis is not connected; the query cache runs on memory alone until it is back.");
        }

        try
        {
            var latency = await multiplexer.GetDatabase().PingAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"Redis answered in {latency.TotalMilliseconds:0.#} ms.");
        }
        catch (StackExchange.Redis.RedisException exception)
        {
            return HealthCheckResult.Degraded("Redis did not answer a ping.", exception);
        }
    }
}
