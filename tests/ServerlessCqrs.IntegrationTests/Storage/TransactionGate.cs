using Azure.Core;
using Azure.Core.Pipeline;

namespace ServerlessCqrs.IntegrationTests.Storage;

/// <summary>
/// Holds every entity-group transaction (a <c>$batch</c> request) at the client until <see cref="Open"/>,
/// so a test can act while a commit is on its way: after its earlier writes, before the transaction.
/// </summary>
public sealed class TransactionGate : HttpPipelinePolicy
{
    private readonly TaskCompletionSource _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _held;

    /// <summary>Transactions waiting at the gate.</summary>
    public int Held => Volatile.Read(ref _held);

    public void Open() => _opened.TrySetResult();

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        throw new NotSupportedException("The table client is used asynchronously.");

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _held);
#pragma warning disable VSTHRD003 // The gate's own task: the test opens it.
            await _opened.Task;
#pragma warning restore VSTHRD003
        }

        await ProcessNextAsync(message, pipeline);
    }
}
