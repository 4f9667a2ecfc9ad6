using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;

namespace ServerlessCqrs.IntegrationTests.Storage;

/// <summary>Counts the table rows the service hands back: a query page's entities, or one for a point read.</summary>
public sealed class RowCountingPolicy : HttpPipelineSynchronousPolicy
{
    private int _rows;

    public int Rows => Volatile.Read(ref _rows);

    public void Reset() => Interlocked.Exchange(ref _rows, 0);

    public override void OnReceivedResponse(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Request.Method != RequestMethod.Get || message.Response.Status != 200)
        {
            return;
        }

        using var json = JsonDocument.Parse(message.Response.Content);
        Interlocked.Add(ref _rows, json.RootElement.TryGetProperty("value", out var page) ? page.GetArrayLength() : 1);
    }
}
