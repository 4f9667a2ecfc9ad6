using System.Collections.Concurrent;
using Microsoft.Azure.Functions.Worker;

namespace ServerlessCqrs.Functions.Middleware;

/// <summary>Maps a function's trigger binding to the OpenTelemetry <c>faas.trigger</c> value, once per function.</summary>
internal static class FunctionTriggers
{
    public const string Http = "http";

    private static readonly ConcurrentDictionary<string, string> Kinds = new(StringComparer.Ordinal);

    public static string KindOf(FunctionContext context) =>
        Kinds.GetOrAdd(context.FunctionId, static (_, definition) => Classify(definition), context.FunctionDefinition);

    private static string Classify(FunctionDefinition definition)
    {
        foreach (var binding in definition.InputBindings.Values)
        {
            var kind = binding.Type.ToUpperInvariant() switch
            {
                "HTTPTRIGGER" => Http,
                "SERVICEBUSTRIGGER" or "QUEUETRIGGER" or "EVENTHUBTRIGGER" or "EVENTGRIDTRIGGER" => "pubsub",
                "TIMERTRIGGER" => "timer",
                "BLOBTRIGGER" or "COSMOSDBTRIGGER" => "datasource",
                _ => null,
            };
            if (kind is not null)
            {
                return kind;
            }
        }

        return "other";
    }
}
