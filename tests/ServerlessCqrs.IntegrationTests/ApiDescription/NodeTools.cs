using System.Diagnostics;

namespace ServerlessCqrs.IntegrationTests.ApiDescription;

/// <summary>The npm tools pinned in tools/openapi (scripts/test.sh installs them with <c>npm ci</c>), run to their end.</summary>
internal static class NodeTools
{
    public static readonly string Directory = Repository.PathOf("tools/openapi");

    /// <summary>Runs a tool from node_modules/.bin, or <c>node</c> itself, in tools/openapi.</summary>
    public static async Task<ToolRun> RunAsync(string tool, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var executable = tool == "node" ? "node" : Path.Combine(Directory, "node_modules", ".bin", tool);
        if (tool != "node" && !File.Exists(executable))
        {
            throw new InvalidOperationException($"{tool} is not installed; run `npm ci --prefix tools/openapi` (scripts/test.sh does).");
        }

        var start = new ProcessStartInfo(executable) { WorkingDirectory = Directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Nothing leaves the machine: no telemetry, no update checks.
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        start.Environment["NO_COLOR"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();

        // A guard against a hung tool, not a measure of speed.
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} {string.Join(' ', arguments)} did not finish:\n{await output}\n{await error}");
        }

        return new ToolRun(process.ExitCode, await output + await error);
    }
}

/// <summary>How a tool ended and everything it printed.</summary>
internal sealed record ToolRun(int ExitCode, string Output)
{
    public override string ToString() => $"exit {ExitCode}\n{Output}";
}
