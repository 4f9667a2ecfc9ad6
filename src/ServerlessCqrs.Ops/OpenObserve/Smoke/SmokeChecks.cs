using System.Net;
using System.Text.Json.Nodes;
using ServerlessCqrs.Diagnostics;
using ServerlessCqrs.Observability;
using static ServerlessCqrs.Ops.OpenObserve.OpenObserveNames;

namespace ServerlessCqrs.Ops.OpenObserve.Smoke;

/// <summary>
/// Looks for a smoke batch in OpenObserve: a SQL search per log stream and over the traces stream for
/// records carrying the run id, and a PromQL selector for the command counter's series with it. Each signal
/// is polled until it is found or the wait runs out; a stream or field OpenObserve does not know yet (400)
/// means "not yet", any other refusal ends the check.
/// </summary>
internal sealed class SmokeChecks(OpenObserveClient client, OpenObserveSettings settings, string runId, DateTimeOffset sentAt)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>What is looked for, one per signal.</summary>
    public IReadOnlyList<SmokeSignal> Signals =>
    [
        Search("logs", settings.CommandsStream, Field(SmokeSender.RunAttribute)),
        Search("logs", settings.QueriesStream, Field(SmokeSender.RunAttribute)),
        Search("logs", settings.EventsStream, Field(SmokeSender.RunAttribute)),
        Search("traces", settings.TracesStream, SpanResourceField(SmokeSender.RunAttribute)),
        PromQl(Metric(CqrsDiagnostics.Instruments.Commands)),
    ];

    /// <summary>Polls every signal at once until each is found or <paramref name="wait"/> has passed.</summary>
    public async Task<IReadOnlyList<SmokeResult>> WaitAsync(TimeSpan wait, TimeProvider time, IProgress<string> progress, CancellationToken cancellationToken)
    {
        var start = time.GetTimestamp();
        return await Task.WhenAll(Signals.Select(async signal =>
        {
            while (true)
            {
                if (await signal.FoundAsync(cancellationToken))
                {
                    progress.Report($"{signal.Name}: found");
                    return new SmokeResult(signal, time.GetElapsedTime(start));
                }

                if (time.GetElapsedTime(start) >= wait)
                {
                    progress.Report($"{signal.Name}: not found");
                    return new SmokeResult(signal, null);
                }

                await Task.Delay(PollInterval, time, cancellationToken);
            }
        }));
    }

    private SmokeSignal Search(string type, string stream, string field)
    {
        var sql = $"SELECT COUNT(*) AS n FROM \"{Stream(stream)}\" WHERE \"{field}\" = '{runId}'";
        return new SmokeSignal($"{type} in {Stream(stream)}", sql, async cancellationToken =>
        {
            var body = new JsonObject
            {
                ["query"] = new JsonObject
                {
                    ["sql"] = sql,
                    // Exported records carry the time they were made; allow for clocks that disagree.
                    ["start_time"] = Microseconds(sentAt.AddMinutes(-10)),
                    ["end_time"] = Microseconds(DateTimeOffset.UtcNow.AddMinutes(10)),
                    ["from"] = 0,
                    ["size"] = 1,
                },
            };
            try
            {
                var found = await client.SendAsync(HttpMethod.Post, $"{client.Api}/_search?type={type}", body, cancellationToken);
                return found?["hits"]?[0]?["n"]?.GetValue<long>() > 0;
            }
            catch (OpenObserveException notYet) when (notYet.Status == HttpStatusCode.BadRequest)
            {
                return false;
            }
        });
    }

    private SmokeSignal PromQl(string metric)
    {
        var selector = $"{metric}{{{Field(SmokeSender.RunAttribute)}=\"{runId}\"}}";
        return new SmokeSignal($"metrics {metric}", selector, async cancellationToken =>
        {
            var answer = await client.SendAsync(
                HttpMethod.Get, $"{client.Api}/prometheus/api/v1/query?query={Uri.EscapeDataString(selector)}", null, cancellationToken);
            return answer?["data"]?["result"] is JsonArray { Count: > 0 };
        });
    }

    private static long Microseconds(DateTimeOffset time) => time.ToUnixTimeMilliseconds() * 1000;
}

/// <summary>A signal the smoke test looks for.</summary>
/// <param name="Name">The signal and where it is, as printed.</param>
/// <param name="Query">The SQL or PromQL that finds it.</param>
/// <param name="FoundAsync">Runs the query once.</param>
internal sealed record SmokeSignal(string Name, string Query, Func<CancellationToken, Task<bool>> FoundAsync);

/// <summary>Whether a signal was found, and after how long.</summary>
internal sealed record SmokeResult(SmokeSignal Signal, TimeSpan? FoundAfter);
