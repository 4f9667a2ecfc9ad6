using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace ServerlessCqrs.Events.InProcess;

/// <summary>The bounded channel behind the in-process transport; full means senders wait.</summary>
internal sealed class InProcessEventChannel(IOptions<InProcessTransportOptions> options)
{
    public static readonly MessagingEndpoint Source = new(Diagnostics.CqrsDiagnostics.MessagingSystems.InProcess, "events");

    private readonly Channel<EventEnvelope> _channel = Channel.CreateBounded<EventEnvelope>(
        new BoundedChannelOptions(options.Value.Capacity) { FullMode = BoundedChannelFullMode.Wait });

    public ChannelReader<EventEnvelope> Reader => _channel.Reader;

    public ChannelWriter<EventEnvelope> Writer => _channel.Writer;
}
