using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.Options;
using ServerlessCqrs.Configuration;
using ServerlessCqrs.Registry;

namespace ServerlessCqrs.Caching;

/// <summary>
/// Checks the cache settings at startup against the registered queries, naming the bad key: unknown
/// query names, durations, refresh thresholds, fail-safe windows and keep-warm entries. The settings that
/// need no registry are checked by <see cref="QueryCachingOptionsValidator"/>.
/// </summary>
internal sealed class QueryCachingOptionsValidation(MessageRegistry registry) : IValidateOptions<QueryCachingOptions>
{
    private const int MaxSeconds = 7 * 24 * 3600;

    public ValidateOptionsResult Validate(string? name, QueryCachingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        void Require(bool valid, string setting, object? value, string rule)
        {
            if (!valid)
            {
                failures.Add(SettingFailure.Of(options, setting, value, rule).ErrorMessage!);
            }
        }

        foreach (var (queryName, settings) in options.Queries)
        {
            var key = $"Queries:{queryName}";
            if (!IsQuery(queryName, out var query))
            {
                Require(false, key, queryName, $"must name a query ({KnownQueries()})");
                continue;
            }

            Require(settings.DurationSeconds is null or >= 0 and <= MaxSeconds, $"{key}:DurationSeconds", settings.DurationSeconds, $"must be between 0 (no-store) and {MaxSeconds}");
            Require(settings.EagerRefreshThreshold is null or 0 or > 0 and < 1, $"{key}:EagerRefreshThreshold", settings.EagerRefreshThreshold, "must be 0 (off) or between 0 and 1, exclusive");
            Require(settings.FailSafeMaxSeconds is null or >= 0 and <= MaxSeconds, $"{key}:FailSafeMaxSeconds", settings.FailSafeMaxSeconds, $"must be between 0 (off) and {MaxSeconds}");
            Require(settings.DurationSeconds is not null || query.MessageType.IsDefined(typeof(QueryCacheAttribute)), $"{key}:DurationSeconds", null,
                $"must be set, because {query.Name} has no [QueryCache] attribute to take it from");
        }

        for (var i = 0; i < options.KeepWarm.Count; i++)
        {
            var entry = options.KeepWarm[i];
            var key = $"KeepWarm:{i}";
            Require(entry.Interval >= TimeSpan.FromSeconds(1), $"{key}:Interval", entry.Interval, "must be at least 1 second");
            if (!IsQuery(entry.Query, out var query))
            {
                Require(false, $"{key}:Query", entry.Query, $"must name a query ({KnownQueries()})");
                continue;
            }

            var policy = QueryCachePolicies.Resolve(query, options.Queries.TryGetValue(query.Name, out var s) ? s : null);
            Require(policy is { IsNoStore: false }, $"{key}:Query", entry.Query, "must name a query that is cached (a no-store or uncached query has no entry to keep warm)");
            Require(TryParseArguments(query, entry.Arguments, out var problem), $"{key}:Arguments", entry.Arguments, $"must be the query's fields as a JSON object ({problem})");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>The query a keep-warm entry names, with its arguments.</summary>
    public static object ParseArguments(MessageDescriptor query, string arguments) =>
        JsonSerializer.Deserialize(string.IsNullOrWhiteSpace(arguments) ? "{}" : arguments, query.JsonTypeInfo)
        ?? throw new JsonException("The arguments are null.");

    private static bool TryParseArguments(MessageDescriptor query, string arguments, out string? problem)
    {
        try
        {
            ParseArguments(query, arguments);
            problem = null;
            return true;
        }
        catch (JsonException exception)
        {
            problem = exception.Message;
            return false;
        }
    }

    private bool IsQuery(string queryName, out MessageDescriptor query) =>
        registry.TryGetByName(queryName, out query!) && query.Kind == MessageKind.Query;

    private string KnownQueries() =>
        string.Join(", ", registry.Messages.Where(m => m.Kind == MessageKind.Query).Select(m => m.Name));
}
