using ServerlessCqrs.Caching;

namespace ServerlessCqrs.Orders.Tests;

/// <summary>An <see cref="IQueryCache"/> that records tag invalidations (the real one is tested in the kernel's tests).</summary>
internal sealed class RecordingQueryCache : IQueryCache
{
    public List<string[]> InvalidatedTags { get; } = [];

    public ValueTask InvalidateTagsAsync(IEnumerable<string> tags, CancellationToken cancellationToken = default)
    {
        InvalidatedTags.Add([.. tags]);
        return ValueTask.CompletedTask;
    }

    public ValueTask InvalidateAsync(object query, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public ValueTask InvalidateQueryTypeAsync(string queryName, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public ValueTask<Result<object?>> RefreshAsync(object query, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}
