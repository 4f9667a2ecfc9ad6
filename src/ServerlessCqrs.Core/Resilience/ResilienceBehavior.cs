using Polly;
using Polly.Timeout;
using ServerlessCqrs.Pipeline;

namespace ServerlessCqrs.Resilience;

/// <summary>
/// Retries transient failures of the rest of the pipeline with exponential backoff and jitter, within
/// an attempt timeout and a total timeout. The first attempt runs directly, under an
/// <see cref="AttemptDeadline"/>: almost every call succeeds first time, and the Polly pipeline (two
/// timeouts and a retry, about a microsecond even when nothing fails) is entered only when that attempt
/// fails transiently — it then replays the first outcome to Polly's retry, which carries on from there.
/// Polly loops; nothing here recurses.
/// </summary>
internal sealed class ResilienceBehavior<TMessage, TResponse>(MessageResiliencePipelines pipelines)
    : IMessageBehavior<TMessage, TResponse>
    where TMessage : notnull
    where TResponse : IMessageResult<TResponse>
{
    private MessageResilience? _resilience;

    public ValueTask<TResponse> HandleAsync(
        TMessage message, MessageContext context, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var resilience = _resilience ??= pipelines.For(context.Message.Name);
        var deadline = AttemptDeadline.Start(resilience.FirstAttemptTimeout, cancellationToken);
        ValueTask<TResponse> attempt;
        try
        {
            attempt = next(message, context, deadline.Token);
        }
        catch (Exception exception) when (ShouldRetry(resilience, exception))
        {
            deadline.End();
            return RetryAsync(resilience, Outcome.FromException<TResponse>(exception), deadline.StartedAt, message, context, next, cancellationToken);
        }
        catch
        {
            deadline.End();
            throw;
        }

        if (!attempt.IsCompletedSuccessfully)
        {
            return AwaitFirstAttemptAsync(attempt, deadline, resilience, message, context, next, cancellationToken);
        }

#pragma warning disable VSTHRD103 // completed: reading it does not block
        var response = attempt.Result;
#pragma warning restore VSTHRD103
        deadline.End();
        return ShouldRetry(resilience, response)
            ? RetryAsync(resilience, Outcome.FromResult(response), deadline.StartedAt, message, context, next, cancellationToken)
            : ValueTask.FromResult(response);
    }

    private async ValueTask<TResponse> AwaitFirstAttemptAsync(
        ValueTask<TResponse> attempt,
        AttemptDeadline deadline,
        MessageResilience resilience,
        TMessage message,
        MessageContext context,
        MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken)
    {
        Outcome<TResponse> outcome;
        deadline.Arm();
        try
        {
            var response = await attempt.ConfigureAwait(false);
            if (!ShouldRetry(resilience, response))
            {
                return response;
            }

            outcome = Outcome.FromResult(response);
        }
        catch (OperationCanceledException) when (deadline.TimedOut)
        {
            var timeout = new TimeoutRejectedException($"The operation didn't complete within the allowed timeout of '{deadline.Timeout}'.", deadline.Timeout);
            if (resilience.FirstAttemptTimeoutIsTotal || !ShouldRetry(resilience, timeout))
            {
                throw timeout;
            }

            outcome = Outcome.FromException<TResponse>(timeout);
        }
        catch (Exception exception) when (ShouldRetry(resilience, exception))
        {
            outcome = Outcome.FromException<TResponse>(exception);
        }
        finally
        {
            deadline.End();
        }

        return await RetryAsync(resilience, outcome, deadline.StartedAt, message, context, next, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Hands a failed first attempt to Polly: its first callback returns that outcome, the next ones run the pipeline again.</summary>
    private static async ValueTask<TResponse> RetryAsync(
        MessageResilience resilience,
        Outcome<TResponse> firstOutcome,
        long startedAt,
        TMessage message,
        MessageContext context,
        MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken)
    {
        var resilienceContext = ResilienceContextPool.Shared.Get(cancellationToken);
        resilienceContext.Properties.Set(MessageResiliencePipelines.MessageContextKey, context);
        resilienceContext.Properties.Set(MessageResiliencePipelines.StartedAtKey, startedAt);
        var replay = new FirstOutcomeReplay(firstOutcome);
        try
        {
            var outcome = await resilience.Pipeline.ExecuteOutcomeAsync(
                static async (rc, state) =>
                {
                    if (state.replay.TakeFirst() is { } first)
                    {
                        return first;
                    }

                    try
                    {
                        return Outcome.FromResult(await state.next(state.message, state.context, rc.CancellationToken).ConfigureAwait(false));
                    }
                    catch (Exception exception)
                    {
                        return Outcome.FromException<TResponse>(exception);
                    }
                },
                resilienceContext,
                (replay, next, message, context)).ConfigureAwait(false);
            outcome.ThrowIfException();
            return outcome.Result!;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(resilienceContext);
        }
    }

    private static bool ShouldRetry(MessageResilience resilience, TResponse response) =>
        resilience.Settings.MaxRetryAttempts > 0 && MessageResiliencePipelines.ShouldRetry(response);

    private bool ShouldRetry(MessageResilience resilience, Exception exception) =>
        resilience.Settings.MaxRetryAttempts > 0 && pipelines.ShouldRetry(exception);

    /// <summary>The first attempt's outcome, given to Polly's first callback only.</summary>
    private sealed class FirstOutcomeReplay(Outcome<TResponse> first)
    {
        private bool _taken;

        public Outcome<TResponse>? TakeFirst()
        {
            if (_taken)
            {
                return null;
            }

            _taken = true;
            return first;
        }
    }
}
