using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting;

namespace ServerlessCqrs.IntegrationTests.Telemetry;

/// <summary>
/// A real OTLP/HTTP receiver on a loopback port, standing in for OpenObserve: it keeps every <c>POST</c>'s
/// path, headers and protobuf body, and accepts it — unless told to refuse the next ones.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Export> _exports = new();
    private readonly ConcurrentQueue<int> _refusals = new();

    private OtlpReceiver(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public sealed record Export(string Path, string? ContentType, string? Authorization, string? StreamName, byte[] Body);

    public Uri Address { get; }

    public IReadOnlyList<Export> Exports => [.. _exports];

    /// <summary>Answers the next <paramref name="count"/> exports with <paramref name="status"/> (they are still recorded).</summary>
    public void Refuse(int count, int status)
    {
        for (var i = 0; i < count; i++)
        {
            _refusals.Enqueue(status);
        }
    }

    public IEnumerable<Export> Of(string signal) => Exports.Where(e => e.Path.EndsWith("/v1/" + signal, StringComparison.Ordinal));

    public static async Task<OtlpReceiver> StartAsync()
    {
        var address = new Uri($"http://127.0.0.1:{LoopbackPorts.Free()}");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(address.ToString());
        var app = builder.Build();
        var receiver = new OtlpReceiver(app, address);
        app.MapPost("/{**path}", async (HttpContext http) =>
        {
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body);
            receiver._exports.Enqueue(new Export(
                http.Request.Path, http.Request.ContentType, http.Request.Headers.Authorization, http.Request.Headers["stream-name"], body.ToArray()));
            return receiver._refusals.TryDequeue(out var status) ? Results.StatusCode(status) : Results.Ok();
        });
        await app.StartAsync();
        return receiver;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
