using System.Diagnostics;

namespace ServerlessCqrs.Testing;

/// <summary>
/// A real Azurite (tables and queues) on free loopback ports, owned by the test process, with its
/// data in memory. <c>scripts/test.sh</c> installs it under <c>tools/azurite</c>; <c>AZURITE_PATH</c>
/// or an <c>azurite</c> on the PATH also work.
/// </summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    // Azurite's documented development account; it accepts nothing else.
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process _process;

    private AzuriteServer(Process process, int queuePort, int tablePort)
    {
        _process = process;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    /// <summary>The port of its queue service.</summary>
    public int QueuePort { get; }

    /// <summary>The port of its table service.</summary>
    public int TablePort { get; }

    /// <summary>The storage connection string for its queues and tables.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{TablePort}/devstoreaccount1;";

    /// <summary>
    /// Settings that put a kernel on the Azurite at <paramref name="connectionString"/> with tables and a queue
    /// of its own (Table Storage state, the Storage Queue transport polled every 200 ms at most), so tests
    /// sharing one Azurite never see each other's data.
    /// </summary>
    public static Dictionary<string, string?> KernelSettings(string connectionString, string queuePrefix)
    {
        var unique = Guid.NewGuid().ToString("N")[..12];
        return new()
        {
            ["Cqrs:Store"] = "TableStorage",
            ["Cqrs:Events:Transport"] = "StorageQueue",
            ["ConnectionStrings:Storage"] = connectionString,
            ["Cqrs:TableStorage:StateTable"] = "State" + unique,
            ["Cqrs:TableStorage:LedgerTable"] = "Ledger" + unique,
            ["Cqrs:TableStorage:OutboxTable"] = "Outbox" + unique,
            ["Cqrs:TableStorage:IdempotencyTable"] = "Idempotency" + unique,
            ["Cqrs:Events:StorageQueue:QueueName"] = $"{queuePrefix}-{unique}",
            ["Cqrs:Events:StorageQueue:MaxPollingInterval"] = "00:00:00.200",
        };
    }

    /// <summary>
    /// Starts Azurite (tables and queues, in memory) on free loopback ports: <c>AZURITE_PATH</c>, else
    /// <c>tools/azurite/node_modules/.bin/azurite</c> in a folder above the tests, else <c>azurite</c> on the PATH.
    /// </summary>
    public static async Task<AzuriteServer> StartAsync()
    {
        var (queuePort, tablePort) = (LoopbackPorts.Free(), LoopbackPorts.Free());
        // Newer Azure SDKs send API versions Azurite does not know yet, hence --skipApiVersionCheck.
        var start = new ProcessStartInfo(Executable(),
            $"--silent --skipApiVersionCheck --loose --inMemoryPersistence --blobHost 127.0.0.1 --blobPort 0 " +
            $"--queueHost 127.0.0.1 --queuePort {queuePort} --tableHost 127.0.0.1 --tablePort {tablePort}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new InvalidOperationException("Azurite is not installed; scripts/test.sh installs it (npm ci in tools/azurite).", exception);
        }

        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new AzuriteServer(process, queuePort, tablePort);
        await Eventually.HoldsAsync(async () => await LoopbackPorts.AcceptsAsync(queuePort).ConfigureAwait(false) && await LoopbackPorts.AcceptsAsync(tablePort).ConfigureAwait(false),
            $"Azurite accepts connections on ports {queuePort} and {tablePort}", TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        return server;
    }

    /// <summary>Stops it; its data, in memory, goes with it.</summary>
    public async ValueTask DisposeAsync()
    {
        // Azurite may ignore SIGTERM; its data is in memory, so nothing is lost by killing it.
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process.Dispose();
    }

    private static string Executable()
    {
        if (Environment.GetEnvironmentVariable("AZURITE_PATH") is { Length: > 0 } configured)
        {
            return configured;
        }

        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var local = Path.Combine(folder.FullName, "tools", "azurite", "node_modules", ".bin", "azurite");
            if (File.Exists(local))
            {
                return local;
            }
        }

        return "azurite";
    }
}
