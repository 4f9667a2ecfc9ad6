using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using ServerlessCqrs.Pipeline;

namespace ServerlessCqrs.Testing.Security;

/// <summary>How many times each message's handler ran, counted by a behavior just outside the handler.</summary>
public sealed class HandlerRuns
{
    private readonly ConcurrentDictionary<string, int> _runs = new(StringComparer.Ordinal);

    public int Of(string message) => _runs.GetValueOrDefault(message);

    /// <summary>Counts every handler run of the kernel in <paramref name="services"/>.</summary>
    public static HandlerRuns AddTo(IServiceCollection services)
    {
        var runs = new HandlerRuns();
        services.AddSingleton(runs);
        services.AddServerlessCqrs().AddBehavior(typeof(Counter<,>), ServiceLifetime.Singleton, PipelinePosition.Innermost);
        return runs;
    }

    private sealed class Counter<TMessage, TResponse>(HandlerRuns runs) : IMessageBehavior<TMessage, TResponse>
        where TMessage : notnull
        where TResponse : IMessageResult<TResponse>
    {
        public ValueTask<TResponse> HandleAsync(
            TMessage message, MessageContext context, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
        {
            runs._runs.AddOrUpdate(context.Message.Name, 1, (_, n) => n + 1);
            return next(message, context, cancellationToken);
        }
    }
}
