using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace ServerlessCqrs.Http.Binding;

/// <summary>Reads a request body into memory, refusing bodies over the limit without reading them whole.</summary>
internal static class RequestBodyReader
{
    private const int ChunkSize = 16 * 1024;

    /// <summary>The body, or <see langword="null"/> when it is larger than <paramref name="limit"/> bytes.</summary>
    public static async ValueTask<byte[]?> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        using var body = new MemoryStream((int)Math.Min(request.ContentLength ?? ChunkSize, limit));
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (body.Length + read > limit)
                {
                    return null;
                }

                await body.WriteAsync(chunk.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return body.ToArray();
    }
}
