using Microsoft.Extensions.DependencyInjection;
using ServerlessCqrs.Registry;

namespace ServerlessCqrs.Processes;

/// <summary>The process managers' steps as reactions to their events, each under its process's name in the ledger.</summary>
internal static class ProcessReactions
{
    /// <exception cref="InvalidOperationException">Two managers share a name, or one declares an event twice.</exception>
    public static IEnumerable<EventReaction> Of(IServiceProvider services, IEnumerable<Type> processTypes)
    {
        var managers = processTypes.Select(t => (ProcessManager)services.GetRequiredService(t)).ToArray();
        var problems = managers.GroupBy(m => m.Name, StringComparer.Ordinal).Where(g => g.Count() > 1)
            .Select(g => $"Several process managers are named {g.Key}; a process's name identifies its records, so names must differ.")
            .Concat(managers.SelectMany(m => m.Subscriptions.GroupBy(s => s.EventName, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1)
                .Select(g => $"Process {m.Name} declares event '{g.Key}' {g.Count()} times; declare each event once.")))
            .ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The process managers are invalid:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => " - " + p)));
        }

        return managers.SelectMany(manager => manager.Subscriptions.Select(subscription => new EventReaction(subscription.EventName, manager.Name,
            (@event, descriptor, scope, eventId, cancellationToken) => scope.GetRequiredService<ProcessRuntime>().HandleEventAsync(
                manager, subscription, ProcessRuntime.ReadAs(subscription.MessageType, @event, descriptor), eventId, scope, cancellationToken))));
    }
}
