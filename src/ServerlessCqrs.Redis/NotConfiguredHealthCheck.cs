using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ServerlessCqrs.Redis;

/// <summary>The <c>redis</c> check when no connection string is set: healthy, the cache runs on memory by choice.</summary>
internal sealed class NotConfiguredHealthCheck : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(HealthCheckResult.Healthy("Redis is not configured; the query cache runs on memory."));
}
