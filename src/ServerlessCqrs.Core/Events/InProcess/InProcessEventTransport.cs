namespace ServerlessCqrs.Events.InProcess;

/// <summary>
/// The embedded transport: events go into a bounded channel that <see cref="InProcessEventProcessor"/>
/// drains. Nothing survives the process; use Storage Queue or Service Bus where events must.
/// </summary>
internal sealed class InProcessEventTransport(InProcessEventChannel channel) : IEventTransport
{
    public MessagingEndpoint Endpoint => InProcessEventChannel.Source;

    public async ValueTask SendAsync(IReadOnlyList<EventEnvelope> envelopes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelopes);
        foreach (var envelope in envelopes)
        {
            await channel.Writer.WriteAsync(envelope, cancellationToken).ConfigureAwait(false);
        }
    }
}
