using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace ServerlessCqrs.LoadTest;

/// <summary>docs/performance.md: the machine, every scenario's numbers, the plan's SLOs and the targets, each with pass or fail.</summary>
internal sealed class Report(RunSettings settings, bool quick)
{
    private readonly List<Comparison> _comparisons = [];

    public HalfLoadRun? HalfLoad { get; set; }

    public Comparison? Telemetry { get; set; }

    public SoakRun? Soak { get; set; }

    public (TimeSpan App, TimeSpan Floor) Startup { get; set; }

    public TimeSpan ReadyToRunStartup { get; set; }

    public RedisOutageRun? RedisOutage { get; set; }

    /// <summary>Whether the Azurite LocalHost had handled the seeding's events before its scenarios (null: not run).</summary>
    public bool? DurableBacklogDrained { get; set; }

    public void Add(Comparison comparison) => _comparisons.Add(comparison);

    public async Task WriteAsync(string path)
    {
        var text = new StringBuilder();
        void Line(string line = "") => text.Append(line).Append('\n');

        Line("# Performance");
        Line();
        Line("Written by the load-test runner (`tests/ServerlessCqrs.LoadTest`, see docs/testing.md), all but a closing \"Why\" section, which is written by hand for the run it follows; a new run replaces both.");
        if (quick)
        {
            Line();
            Line("**A `--quick` run: short runs that check the tool, not a measurement.**");
        }

        Line();
        Line($"- Machine: {Cpu()}, {Environment.ProcessorCount} logical cores, {OsName()}; wrk, the app and the floor share them on loopback.");
        Line($"- .NET {Environment.Version}; {await ToolVersionAsync("wrk", "-v")}; redis-server {(await ToolVersionAsync("redis-server", "--version")).Split(' ').ElementAtOrDefault(2)?.TrimStart('v', '=')}.");
        Line($"- After 10 s of warm-up per process, each scenario: a 3 s warm-up of each, then {settings.Run.TotalSeconds:0} s against the app and the floor in turn, twice ({settings.Connections} connections, 2 wrk threads, 2 s request timeout); throughput is the mean of the two rounds, latencies the worse round's. {settings.Orders:N0} orders seeded through the API.");
        Line("- The floor (`tests/ServerlessCqrs.Floor`) is a bare Kestrel app answering the same routes with bodies of the same shape and the headers a client needs; CreateOrder there parses the body and answers 201.");
        Line($"- Run on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC.");
        Line();
        Line("## Scenarios");
        Line();
        Line("| Scenario | Setup | App req/s | Floor req/s | App/floor | p50 | p95 | p99 | max | Errors | Cache hit rate |");
        Line("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var c in _comparisons.Append(Telemetry).OfType<Comparison>())
        {
            var worst = c.App.MaxBy(r => r.P99Us)!;
            Line($"| {c.Name} | {c.Setup} | {c.App.Average(r => r.Throughput):N0} | {c.Floor.Average(r => r.Throughput):N0} | {c.Ratio:P0} | " +
                $"{Ms(worst.P50Us)} | {Ms(worst.P95Us)} | {Ms(worst.P99Us)} | {Ms(worst.MaxUs)} | {ErrorRate(c.App):P2} | {HitRate(c.App)} |");
        }

        Line();
        Line("Cache hit rate: reads answered from the cache (`X-Cache: hit` or `stale`) over reads the cache looked up. " +
            "In the telemetry row the \"floor\" is a second, equally fresh LocalHost without an exporter (default sampling, 10 %), so the ratio is what exporting costs. " +
            "Each scenario's app ran after the seeded orders' events were handled; CreateOrder runs last on its process.");
        if (DurableBacklogDrained == false)
        {
            Line();
            Line("**Note**: the Azurite + Redis LocalHost was still handling the seeded orders' events after 10 minutes; its scenarios ran with that backlog.");
        }

        if (HalfLoad is { } half)
        {
            Line();
            Line($"**Half load**: cached GetOrder paced at about {half.TargetRate:N0} req/s (half the maximum above; each connection pauses 2 ms between requests). " +
                $"The app reached {half.Result.Throughput:N0} req/s: p50 {Ms(half.Result.P50Us)}, p95 {Ms(half.Result.P95Us)}, p99 {Ms(half.Result.P99Us)}, max {Ms(half.Result.MaxUs)}; " +
                $"the floor, paced the same, {half.Floor.Throughput:N0} req/s: p50 {Ms(half.Floor.P50Us)}, p95 {Ms(half.Floor.P95Us)}, p99 {Ms(half.Floor.P99Us)}, max {Ms(half.Floor.MaxUs)}.");
        }

        if (RedisOutage is { } outage)
        {
            Line();
            Line($"**Redis outage**: the mix on Azurite + Redis for {outage.Total.TotalSeconds:0} s, Redis killed after 10 s and started again {outage.Down.TotalSeconds:0} s later: " +
                $"{outage.Result.Requests:N0} requests, {outage.Result.Errors} failed ({outage.Result.Non2xx} non-2xx, {outage.Result.Timeouts} past the 2 s timeout, {outage.Result.SocketErrors} socket errors), " +
                $"p99 {Ms(outage.Result.P99Us)}, slowest {Ms(outage.Result.MaxUs)}.");
        }

        if (Soak is { } soak)
        {
            Line();
            Line($"**Soak**: the mix at 16 connections for {settings.Soak.TotalMinutes:0} min, {soak.Result.Throughput:N0} req/s, {soak.Result.Errors} errors, p99 {Ms(soak.Result.P99Us)}. Resident memory and threads of the LocalHost:");
            Line();
            Line("| At | Resident MB | Threads |");
            Line("|---:|---:|---:|");
            foreach (var (at, memory, threads) in soak.Samples)
            {
                Line($"| {at:mm\\:ss} | {memory:0} | {threads} |");
            }
        }

        Line();
        Line($"**Start-up** (process start to the first 200 from `/api/health`, median of 5): LocalHost {Startup.App.TotalMilliseconds:N0} ms, floor {Startup.Floor.TotalMilliseconds:N0} ms ({Startup.App / Startup.Floor:0.00}×). " +
            $"Published ReadyToRun (`-p:PublishReadyToRun=true`), the LocalHost starts in {ReadyToRunStartup.TotalMilliseconds:N0} ms ({ReadyToRunStartup / Startup.Floor:0.00}× the floor).");
        Line();
        Line("## The plan's SLOs");
        Line();
        Line("| SLO | Measured (worst scenario) | |");
        Line("|---|---:|---|");
        var reads = _comparisons.Where(c => c.Mode is "cached" or "mix").SelectMany(c => c.App).ToArray();
        var writes = _comparisons.Where(c => c.Mode == "create").SelectMany(c => c.App).ToArray();
        var queryP95 = reads.Max(r => r.P95Us);
        var commandP95 = writes.Length == 0 ? 0 : writes.Max(r => r.P95Us);
        var errorRate = _comparisons.SelectMany(c => c.App).Max(r => r.ErrorRate);
        var hitRate = _comparisons.Where(c => c.Mode == "mix").SelectMany(c => c.App).Min(r => r.HitRate ?? 0);
        Line($"| Query p95 < 300 ms | {Ms(queryP95)} | {Verdict(queryP95 < 300_000)} |");
        Line($"| Command p95 < 500 ms | {Ms(commandP95)} | {Verdict(commandP95 < 500_000)} |");
        Line($"| Error rate < 1 % | {errorRate:P2} | {Verdict(errorRate < 0.01)} |");
        Line($"| Cache hit rate > 80 % (Zipf mix) | {hitRate:P1} | {Verdict(hitRate > 0.80)} |");
        Line();
        Line("## Targets");
        Line();
        Line("| Target | Measured | |");
        Line("|---|---:|---|");
        foreach (var c in _comparisons.Where(c => c.Mode == "cached"))
        {
            Line($"| Cached GetOrder ≥ 50 % of the floor ({c.Setup}) | {c.Ratio:P0} | {Verdict(c.Ratio >= 0.5)} |");
        }

        foreach (var c in _comparisons.Where(c => c.Mode == "create"))
        {
            Line($"| CreateOrder ≥ 40 % of the floor ({c.Setup}) | {c.Ratio:P0} | {Verdict(c.Ratio >= 0.4)} |");
        }

        if (HalfLoad is { } h)
        {
            Line($"| p99 ≤ 10 ms at half the maximum load | {Ms(h.Result.P99Us)} | {Verdict(h.Result.P99Us <= 10_000)} |");
        }

        foreach (var c in _comparisons.Where(c => c.Mode == "mix"))
        {
            var rate = c.App.Min(r => r.HitRate ?? 0);
            Line($"| Cache hit rate ≥ 95 % on the Zipf mix ({c.Setup}) | {rate:P1} | {Verdict(rate >= 0.95)} |");
        }

        Line($"| LocalHost start ≤ 1.5× the floor's | {Startup.App / Startup.Floor:0.00}× | {Verdict(Startup.App / Startup.Floor <= 1.5)} |");
        if (RedisOutage is { } o)
        {
            Line($"| Redis outage: no failed request, none past its timeout | {o.Result.Errors} failed, slowest {Ms(o.Result.MaxUs)} | {Verdict(o.Result.Errors == 0)} |");
        }

        if (Soak is { Samples.Count: > 1 } s)
        {
            var (first, last) = (s.Samples[1], s.Samples[^1]);
            var flat = last.ResidentMb <= first.ResidentMb * 1.2 && last.Threads <= first.Threads + 8;
            Line($"| Soak flat (memory within 20 %, threads within 8, from the first minute on) | {first.ResidentMb:0} → {last.ResidentMb:0} MB, {first.Threads} → {last.Threads} threads | {Verdict(flat)} |");
        }

        if (Telemetry is { } t)
        {
            Line($"| Telemetry cost measured (OTLP exporter on) | {1 - t.Ratio:P0} of cached-read throughput | measured |");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, text.ToString());
    }

    private static string Verdict(bool pass) => pass ? "pass" : "**miss**";

    private static string Ms(long microseconds) => (microseconds / 1000.0).ToString(microseconds < 10_000 ? "0.00" : "0", CultureInfo.InvariantCulture) + " ms";

    private static double ErrorRate(IEnumerable<WrkResult> runs) => runs.Max(r => r.ErrorRate);

    private static string HitRate(IEnumerable<WrkResult> runs) => runs.Min(r => r.HitRate) is { } rate ? rate.ToString("P1", CultureInfo.InvariantCulture) : "–";

    private static string Cpu() => File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':')[1].Trim() ?? "unknown CPU";

    private static string OsName() => File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?.Split('=')[1].Trim('"') ?? "Linux";

    private static async Task<string> ToolVersionAsync(string tool, string argument)
    {
        var start = new ProcessStartInfo(tool, argument) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(start)!;
        var text = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return text.Split('\n')[0].Split(" Copyright")[0].Trim();
    }
}
