namespace ServerlessCqrs.LoadTest;

/// <summary>One scenario run against the app and the floor in turn, two rounds each after a warm-up of both.</summary>
internal sealed record Comparison(string Name, string Setup, string Mode, IReadOnlyList<WrkResult> App, IReadOnlyList<WrkResult> Floor)
{
    public double Ratio => App.Average(r => r.Throughput) / Floor.Average(r => r.Throughput);
}

/// <summary>The app, and the floor for reference, at a fixed rate: half the app's measured maximum.</summary>
internal sealed record HalfLoadRun(double TargetRate, WrkResult Result, WrkResult Floor);

/// <summary>Redis killed and restarted under load.</summary>
internal sealed record RedisOutageRun(TimeSpan Down, TimeSpan Total, WrkResult Result);

/// <summary>Memory and threads sampled through a long run.</summary>
internal sealed record SoakRun(IReadOnlyList<(TimeSpan At, double ResidentMb, int Threads)> Samples, WrkResult Result);

internal sealed class Scenarios(RunSettings settings, Action<string> say)
{
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);

    /// <summary>Every route of the mix, long enough for tiered compilation to settle, before the first measurement.</summary>
    public async Task WarmUpAsync(LocalHostProcess app, LocalHostProcess floor, string ids)
    {
        say("Warm-up: 10 s of the mix and of CreateOrder on the app and the floor");
        foreach (var target in new[] { app, floor })
        {
            await Wrk.RunAsync(target.Address, "mix", ids, TimeSpan.FromSeconds(5), settings.Connections);
            await Wrk.RunAsync(target.Address, "create", null, TimeSpan.FromSeconds(5), settings.Connections);
        }
    }

    public async Task<Comparison> CompareAsync(
        string name, string setup, LocalHostProcess app, LocalHostProcess floor, string mode, string? ids, string? floorIds = null)
    {
        say($"{name} ({setup}): warm-up, then app and floor in turn");
        floorIds ??= ids;
        await Wrk.RunAsync(app.Address, mode, ids, WarmUp, settings.Connections);
        await Wrk.RunAsync(floor.Address, mode, floorIds, WarmUp, settings.Connections);
        var (appRuns, floorRuns) = (new List<WrkResult>(), new List<WrkResult>());
        for (var round = 0; round < 2; round++)
        {
            appRuns.Add(await Wrk.RunAsync(app.Address, mode, ids, settings.Run, settings.Connections));
            floorRuns.Add(await Wrk.RunAsync(floor.Address, mode, floorIds, settings.Run, settings.Connections));
        }

        return new Comparison(name, setup, mode, appRuns, floorRuns);
    }

    /// <summary>Cached reads at half the measured maximum: 16 connections, each pausing between requests.</summary>
    public async Task<HalfLoadRun> HalfLoadAsync(LocalHostProcess app, LocalHostProcess floor, string ids, double maximum)
    {
        var target = maximum / 2;
        // wrk paces in whole milliseconds: pick the connections that make the pause closest to the rate.
        var connections = Math.Max(1, (int)Math.Round(target * 2 / 1000));
        const int Pause = 2;
        say($"Half load: {target:0} requests/s ({connections} connections, {Pause} ms between a connection's requests)");
        var result = await Wrk.RunAsync(app.Address, "cached", ids, settings.Run * 2, connections, Pause);
        return new HalfLoadRun(target, result, await Wrk.RunAsync(floor.Address, "cached", ids, settings.Run * 2, connections, Pause));
    }

    /// <summary>The mix for 30 s; Redis is killed after 10 s and started again after 20 s on the same port.</summary>
    public async Task<RedisOutageRun> RedisOutageAsync(LocalHostProcess app, RedisServer redis, string ids)
    {
        say("Redis outage: the mix for 30 s, Redis down from 10 s to 20 s");
        var load = Wrk.RunAsync(app.Address, "mix", ids, TimeSpan.FromSeconds(30), settings.Connections);
        await Task.Delay(TimeSpan.FromSeconds(10));
        await redis.KillAsync();
        await Task.Delay(TimeSpan.FromSeconds(10));
        await redis.RestartAsync();
        return new RedisOutageRun(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), await load);
    }

    /// <summary>The mix at 16 connections for the soak's length, memory and threads sampled every 30 s.</summary>
    public async Task<SoakRun> SoakAsync(LocalHostProcess app, string ids)
    {
        var samples = new List<(TimeSpan, double, int)>();
        var started = DateTime.UtcNow;
        var load = Wrk.RunAsync(app.Address, "mix", ids, settings.Soak, 16);
        while (!load.IsCompleted)
        {
            var (memory, threads) = Apps.Sample(app.ProcessId);
            samples.Add((DateTime.UtcNow - started, memory, threads));
            await Task.WhenAny(load, Task.Delay(TimeSpan.FromSeconds(30)));
        }

        var (lastMemory, lastThreads) = Apps.Sample(app.ProcessId);
        samples.Add((DateTime.UtcNow - started, lastMemory, lastThreads));
        return new SoakRun(samples, await load);
    }
}
