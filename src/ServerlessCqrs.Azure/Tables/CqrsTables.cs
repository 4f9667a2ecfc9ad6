using Azure.Data.Tables;

namespace ServerlessCqrs.Azure.Tables;

/// <summary>The storage account's tables, each created on first use; shared by the kernel and domain stores.</summary>
public sealed class CqrsTables : IDisposable
{
    private readonly CreatedOnFirstUse<TableClient> _tables;

    /// <summary>Uses the tables of <paramref name="service"/>.</summary>
    public CqrsTables(TableServiceClient service)
    {
        ArgumentNullException.ThrowIfNull(service);
        _tables = new(service.GetTableClient, (table, ct) => table.CreateIfNotExistsAsync(ct));
    }

    /// <summary>The table named <paramref name="name"/>, created if it does not exist yet.</summary>
    public ValueTask<TableClient> GetAsync(string name, CancellationToken cancellationToken) => _tables.GetAsync(name, cancellationToken);

    /// <inheritdoc />
    public void Dispose() => _tables.Dispose();
}
