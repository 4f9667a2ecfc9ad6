using System.Diagnostics;
using System.Runtime.Versioning;

namespace ServerlessCqrs.Infra.Tests;

/// <summary>
/// The postprovision hook azure.yaml names runs the CLI's <c>openobserve provision</c> from the repository
/// root when the azd environment sets OPENOBSERVE_URL, passes its exit code on, and skips saying so otherwise.
/// A stand-in <c>dotnet</c> on the PATH records how it is called. The posix script runs under sh.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class PostProvisionHookTests : IDisposable
{
    private readonly string _bin = Directory.CreateTempSubdirectory("hook-bin").FullName;

    public PostProvisionHookTests()
    {
        var fake = Path.Combine(_bin, "dotnet");
        File.WriteAllText(fake, "#!/bin/sh\necho \"dotnet $* (in $(pwd))\"\nexit 3\n");
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    [Fact]
    public void AzureYaml_NamesTheHookScripts_ForPosixAndWindows()
    {
        var hook = AzureYaml.Read(File.ReadAllText(Repository.PathOf("azure.yaml")))!["hooks"]!["postprovision"]!;

        Assert.Equal("./infra/hooks/postprovision.sh", (string?)hook["posix"]!["run"]);
        Assert.Equal("./infra/hooks/postprovision.ps1", (string?)hook["windows"]!["run"]);
        Assert.True(File.Exists(Repository.PathOf("infra/hooks/postprovision.ps1")));
        Assert.True(File.GetUnixFileMode(Repository.PathOf("infra/hooks/postprovision.sh")).HasFlag(UnixFileMode.UserExecute));
    }

    [Fact]
    public async Task WithOpenObserveSet_ItProvisions_FromTheRepositoryRoot_AndPassesTheExitCodeOn()
    {
        var (exitCode, output) = await RunAsync(("OPENOBSERVE_URL", "https://openobserve.example.com"));

        Assert.Equal(3, exitCode);
        Assert.Equal($"dotnet run --project src/ServerlessCqrs.Ops -c Release -- openobserve provision (in {Repository.Root})", output.Trim());
    }

    [Fact]
    public async Task WithoutOpenObserve_ItSaysItSkipped()
    {
        var (exitCode, output) = await RunAsync(("OPENOBSERVE_URL", ""));

        Assert.Equal(0, exitCode);
        Assert.StartsWith("OpenObserve provisioning skipped: OPENOBSERVE_URL is not set in the azd environment", output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_bin, recursive: true);

    private async Task<(int ExitCode, string Output)> RunAsync(params (string Key, string Value)[] environment)
    {
        var start = new ProcessStartInfo("sh", [Repository.PathOf("infra/hooks/postprovision.sh")])
        {
            RedirectStandardOutput = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.Environment["PATH"] = $"{_bin}:/usr/bin:/bin";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output);
    }
}
