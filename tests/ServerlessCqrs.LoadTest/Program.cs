using System.Diagnostics;
using ServerlessCqrs.LoadTest;

// Runs every scenario of docs/performance.md and rewrites it. `--quick` shortens every run (a smoke
// check of the tool, not a measurement); `--out FILE` writes elsewhere. Needs wrk, redis-server and
// Azurite (scripts/test.sh installs the last two).
var quick = args.Contains("--quick");
var output = args.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault() ?? Path.Combine(Repository.Root, "docs", "performance.md");
var settings = new RunSettings(
    Run: TimeSpan.FromSeconds(quick ? 5 : 15),
    Soak: TimeSpan.FromMinutes(quick ? 1 : 10),
    Orders: quick ? 1_000 : 10_000,
    Connections: 64);
var report = new Report(settings, quick);
var clock = Stopwatch.StartNew();
void Say(string text) => Console.WriteLine($"[{clock.Elapsed:mm\\:ss}] {text}");

await using (var floor = await LocalHostProcess.StartAsync(new Dictionary<string, string?>(), Apps.Floor))
{
    var scenarios = new Scenarios(settings, Say);
    await using (var memory = await LocalHostProcess.StartAsync(new Dictionary<string, string?>()))
    {
        Say($"Seeding {settings.Orders} orders in memory");
        var ids = await Apps.SeedAsync(memory, settings.Orders);
        await Apps.WaitForProjectionAsync(memory, settings.Orders, TimeSpan.FromMinutes(2));
        await scenarios.WarmUpAsync(memory, floor, ids);
        var cached = await scenarios.CompareAsync("Cached GetOrder", "in memory", memory, floor, "cached", ids);
        report.Add(cached);
        report.Add(await scenarios.CompareAsync("Zipf read/write mix", "in memory", memory, floor, "mix", ids));
        report.HalfLoad = await scenarios.HalfLoadAsync(memory, floor, ids, cached.App.Average(r => r.Throughput));
        report.Add(await scenarios.CompareAsync("CreateOrder", "in memory", memory, floor, "create", null));
    }

    // Fresh processes from here on: the CreateOrder scenario leaves hundreds of thousands of orders in memory.
    Say("Telemetry: a LocalHost exporting to an OTLP sink (a second floor) against one that does not");
    await using (var sink = await LocalHostProcess.StartAsync(new Dictionary<string, string?>(), Apps.Floor))
    await using (var plain = await LocalHostProcess.StartAsync(new Dictionary<string, string?>()))
    await using (var exporting = await LocalHostProcess.StartAsync(new Dictionary<string, string?>
    {
        ["OPENOBSERVE_URL"] = sink.Address.ToString(),
        ["OPENOBSERVE_ORGANIZATION"] = "load",
        ["OPENOBSERVE_TOKEN"] = "bG9hZDpsb2Fk",
    }))
    {
        var (plainIds, exportingIds) = (await Apps.SeedAsync(plain, 1), await Apps.SeedAsync(exporting, 1));
        report.Telemetry = await scenarios.CompareAsync(
            "Cached GetOrder, exporting telemetry", "in memory, OTLP on", exporting, plain, "cached", exportingIds, plainIds);
    }

    await using (var soaked = await LocalHostProcess.StartAsync(new Dictionary<string, string?>()))
    {
        var ids = await Apps.SeedAsync(soaked, settings.Orders);
        await Apps.WaitForProjectionAsync(soaked, settings.Orders, TimeSpan.FromMinutes(2));
        Say($"Soak: {settings.Soak.TotalMinutes} min of the mix");
        report.Soak = await scenarios.SoakAsync(soaked, ids);
    }
}

Say("Start-up: LocalHost and floor, 5 starts each");
report.Startup = (await Apps.StartupAsync("ServerlessCqrs.LocalHost", 5), await Apps.StartupAsync(Apps.Floor, 5));
Say("Start-up of the LocalHost published ReadyToRun");
report.ReadyToRunStartup = await Apps.StartupAsync(await Apps.PublishReadyToRunAsync(), 5);

await using (var azurite = await AzuriteServer.StartAsync())
await using (var redis = await RedisServer.StartAsync())
await using (var floor = await LocalHostProcess.StartAsync(new Dictionary<string, string?>(), Apps.Floor))
await using (var durable = await LocalHostProcess.StartAsync(Apps.Durable(azurite, redis)))
{
    Say($"Seeding {settings.Orders} orders on Azurite");
    var ids = await Apps.SeedAsync(durable, settings.Orders);
    Say("Waiting until the seeded orders' events are handled");
    report.DurableBacklogDrained = await Apps.WaitForProjectionAsync(durable, settings.Orders, TimeSpan.FromMinutes(10));
    var scenarios = new Scenarios(settings, Say);
    await scenarios.WarmUpAsync(durable, floor, ids);
    report.Add(await scenarios.CompareAsync("Cached GetOrder", "Azurite + Redis", durable, floor, "cached", ids));
    report.Add(await scenarios.CompareAsync("Zipf read/write mix", "Azurite + Redis", durable, floor, "mix", ids));
    report.RedisOutage = await scenarios.RedisOutageAsync(durable, redis, ids);
}

await report.WriteAsync(output);
Say($"Wrote {output}");

/// <summary>How long and how hard.</summary>
internal sealed record RunSettings(TimeSpan Run, TimeSpan Soak, int Orders, int Connections);
