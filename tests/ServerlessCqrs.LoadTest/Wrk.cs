using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace ServerlessCqrs.LoadTest;

/// <summary>What one wrk run measured (the RESULT line of <c>Scenarios/orders.lua</c>).</summary>
internal sealed record WrkResult(
    long Requests, long DurationUs, long SocketErrors, long Timeouts, long Non2xx,
    long P50Us, long P95Us, long P99Us, long MaxUs, long Reads, long Writes, long Hits, long Stale, long Misses)
{
    public double Throughput => Requests / (DurationUs / 1e6);

    public long Errors => SocketErrors + Timeouts + Non2xx;

    public double ErrorRate => Requests == 0 ? 0 : (double)Errors / Requests;

    /// <summary>Reads answered from the cache, fresh or stale, of the reads the cache looked up; null when none said.</summary>
    public double? HitRate => Hits + Stale + Misses == 0 ? null : (double)(Hits + Stale) / (Hits + Stale + Misses);
}

/// <summary>Runs wrk with the Orders scenario script.</summary>
internal static class Wrk
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<WrkResult> RunAsync(
        Uri target, string mode, string? idsFile, TimeSpan duration, int connections, int delayMs = 0, TimeSpan? timeout = null)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Scenarios", "orders.lua");
        var start = new ProcessStartInfo("wrk")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     "-t2", $"-c{connections}", $"-d{(int)duration.TotalSeconds}s", "--latency",
                     $"--timeout", $"{(int)(timeout ?? TimeSpan.FromSeconds(2)).TotalSeconds}s",
                     "-s", script, target.ToString().TrimEnd('/'), "--", mode, idsFile ?? "-", delayMs.ToString(CultureInfo.InvariantCulture),
                 })
        {
            start.ArgumentList.Add(argument);
        }

        using var wrk = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start: install it (apt-get install wrk).");
        var output = await wrk.StandardOutput.ReadToEndAsync();
        var error = await wrk.StandardError.ReadToEndAsync();
        await wrk.WaitForExitAsync();
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"wrk printed no result (exit {wrk.ExitCode}): {output} {error}");
        return JsonSerializer.Deserialize<WrkResult>(line["RESULT ".Length..], Json)!;
    }
}
