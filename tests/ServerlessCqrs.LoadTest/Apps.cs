using System.Diagnostics;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace ServerlessCqrs.LoadTest;

/// <summary>The processes under load and what the runner does to them: start, seed, sample.</summary>
internal static class Apps
{
    public const string Floor = "ServerlessCqrs.Floor";

    /// <summary>Settings of the LocalHost on Azurite (Table Storage, Storage Queue) with Redis as the cache's second level.</summary>
    public static Dictionary<string, string?> Durable(AzuriteServer azurite, RedisServer redis) => new()
    {
        ["Cqrs:Store"] = "TableStorage",
        ["Cqrs:Events:Transport"] = "StorageQueue",
        ["ConnectionStrings:Storage"] = azurite.ConnectionString,
        ["ConnectionStrings:Redis"] = redis.ConnectionString,
        ["Cqrs:Events:StorageQueue:MaxPollingInterval"] = "00:00:00.200",
    };

    /// <summary>Creates <paramref name="count"/> orders through the API and writes their ids, one a line, to a file.</summary>
    public static async Task<string> SeedAsync(LocalHostProcess app, int count)
    {
        using var client = app.CreateClient();
        var ids = new string[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, ct) =>
        {
            using var response = await client.PostAsJsonAsync("/api/commands/CreateOrder", new
            {
                customerId = $"seed-{i % 1000}",
                lines = new[] { new { sku = "A-1", quantity = 2, unitPrice = 9.5m } },
            }, ct);
            response.EnsureSuccessStatusCode();
            ids[i] = (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("orderId").GetString()!;
        });
        var file = Path.Combine(Path.GetTempPath(), $"orders-{Guid.NewGuid():N}.txt");
        await File.WriteAllLinesAsync(file, ids);
        return file;
    }

    /// <summary>
    /// Waits, up to <paramref name="budget"/>, until the app has projected every seeded order (each
    /// customer's ListOrders shows all of its orders), so the events the seeding raised are not still being
    /// handled while a scenario measures. Says whether they were.
    /// </summary>
    public static async Task<bool> WaitForProjectionAsync(LocalHostProcess app, int count, TimeSpan budget)
    {
        using var client = app.CreateClient();
        var deadline = DateTime.UtcNow + budget;
        var customers = Math.Min(count, 1000);
        for (var customer = 0; customer < customers; customer++)
        {
            var expected = count / customers + (customer < count % customers ? 1 : 0);
            var path = $"/api/queries/ListOrders?customerId=seed-{customer}&limit=200";
            while ((await client.GetFromJsonAsync<JsonElement>(path)).GetProperty("items").GetArrayLength() < expected)
            {
                if (DateTime.UtcNow > deadline)
                {
                    return false;
                }

                await Task.Delay(200);
            }
        }

        return true;
    }

    /// <summary>How long a process takes from its start to its first 200 on <c>/api/health</c>, the median of <paramref name="runs"/>.</summary>
    public static async Task<TimeSpan> StartupAsync(string app, int runs)
    {
        var times = new List<TimeSpan>();
        for (var run = 0; run < runs; run++)
        {
            var clock = Stopwatch.StartNew();
            await using var process = await LocalHostProcess.StartAsync(new Dictionary<string, string?>(), app);
            times.Add(clock.Elapsed);
        }

        return times.Order().ElementAt(runs / 2);
    }

    /// <summary>Publishes the LocalHost ReadyToRun (precompiled) for this machine; returns its executable.</summary>
    public static async Task<string> PublishReadyToRunAsync()
    {
        var output = Path.Combine(Path.GetTempPath(), "cqrs-load-r2r");
        var publish = Process.Start(new ProcessStartInfo("dotnet",
            ["publish", Repository.PathOf("src/ServerlessCqrs.LocalHost"), "-c", "Release", "-r", RuntimeInformation.RuntimeIdentifier,
             "--self-contained", "false", "-p:PublishReadyToRun=true", "-o", output])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        var log = await publish.StandardOutput.ReadToEndAsync();
        await publish.WaitForExitAsync();
        return publish.ExitCode == 0
            ? Path.Combine(output, "ServerlessCqrs.LocalHost")
            : throw new InvalidOperationException($"Publishing the LocalHost ReadyToRun failed:\n{log}");
    }

    /// <summary>Resident memory (MB) and thread count of a process, from /proc.</summary>
    public static (double ResidentMb, int Threads) Sample(int processId)
    {
        var status = File.ReadAllLines($"/proc/{processId}/status");
        long Field(string name) => long.Parse(status.First(l => l.StartsWith(name, StringComparison.Ordinal)).Split(':')[1].Trim().Split(' ')[0],
            System.Globalization.CultureInfo.InvariantCulture);
        return (Field("VmRSS") / 1024.0, (int)Field("Threads"));
    }
}
