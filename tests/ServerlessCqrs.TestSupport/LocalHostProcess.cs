using System.Collections.Concurrent;
using System.Diagnostics;

namespace ServerlessCqrs.Testing;

/// <summary>
/// The LocalHost as a real child process on a free loopback port, with settings as environment variables —
/// so a test can kill it with SIGKILL mid-request. A test project that uses it references the LocalHost
/// project, which puts its build output beside the tests.
/// </summary>
public sealed class LocalHostProcess : IAsyncDisposable
{
    private readonly Process _process;

    private LocalHostProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>Everything the process wrote to stdout and stderr.</summary>
    public IReadOnlyList<string> Output => [.. _output];

    private readonly ConcurrentQueue<string> _output = new();

    /// <summary>The process id, for sampling its memory and threads.</summary>
    public int ProcessId => _process.Id;

    public static Task<LocalHostProcess> StartAsync(IReadOnlyDictionary<string, string?> settings) =>
        StartAsync(settings, "ServerlessCqrs.LocalHost");

    /// <summary>Starts <paramref name="app"/> (an app host beside the tests that serves <c>/api/health</c>) the same way.</summary>
    public static async Task<LocalHostProcess> StartAsync(IReadOnlyDictionary<string, string?> settings, string app)
    {
        var address = new Uri($"http://127.0.0.1:{LoopbackPorts.Free()}");
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, app))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["ASPNETCORE_URLS"] = address.ToString();
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start)!;
        var host = new LocalHostProcess(process, address);
        process.OutputDataReceived += (_, line) => host.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => host.Keep(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var client = host.CreateClient();
        await Eventually.HoldsAsync(async () =>
        {
            if (process.HasExited)
            {
                await process.WaitForExitAsync();
                throw new InvalidOperationException($"{app} exited with code {process.ExitCode}:\n{string.Join('\n', host.Output)}");
            }

            try
            {
                return (await client.GetAsync("/api/health")).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, $"{app} answers /api/health", TimeSpan.FromSeconds(30));
        return host;
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }

    public HttpClient CreateClient() => new() { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>SIGKILL: no shutdown, no flush, as a crash or a scaled-in instance.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }
}
