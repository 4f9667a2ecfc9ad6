using System.Diagnostics;
using System.Reflection;

namespace ServerlessCqrs.Infra.Tests.Bicep;

/// <summary>The bicep CLI the build restored from NuGet (Azure.Bicep.CommandLine.linux-x64); it works offline.</summary>
internal static class BicepCli
{
    private static readonly string Executable = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "BicepPath").Value!;

    /// <summary>Runs one command to its end; bicep writes diagnostics to standard error.</summary>
    public static async Task<BicepResult> RunAsync(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // No telemetry and no update check: nothing leaves the machine.
        start.Environment["BICEP_TELEMETRY_ENABLED"] = "false";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Executable}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new BicepResult(process.ExitCode, await output, await error);
    }
}

/// <summary>What a bicep command printed, and how it ended.</summary>
internal sealed record BicepResult(int ExitCode, string Output, string Diagnostics)
{
    public override string ToString() => $"exit {ExitCode}\n{Diagnostics}";
}
