using Polly;
using ServerlessCqrs.Resilience;

namespace ServerlessCqrs.Pipeline.Behaviors;

/// <summary>
/// Runs the rest of the pipeline inside the message type's Polly pipeline: total timeout, then
/// retry with exponential backoff and jitter for transient failures, then a per-attempt timeout.
/// Polly loops; nothing here recurses. The behavior serves one message type, so it keeps that type's
/// pipeline (which follows configuration reloads itself) instead of looking it up on every call.
/// </summary>
internal sealed class ResilienceBehavior<TMessage, TResponse>(MessageResiliencePipelines pipelines)
    : IMessageBehavior<TMessage, TResponse>
    where TMessage : notnull
    where TResponse : IMessageResult<TResponse>
{
    private ResiliencePipeline? _pipeline;

    public async ValueTask<TResponse> HandleAsync(
        TMessage message, MessageContext context, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var pipeline = _pipeline ??= pipelines.For(context.Message.Name);
        var resilienceContext = ResilienceContextPool.Shared.Get(cancellationToken);
        resilienceContext.Properties.Set(MessageResiliencePipelines.MessageContextKey, context);
        try
        {
            return await pipeline.ExecuteAsync(
                static (rc, state) => state.next(state.message, state.context, rc.CancellationToken),
                resilienceContext,
                (next, message, context)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(resilienceContext);
        }
    }
}
