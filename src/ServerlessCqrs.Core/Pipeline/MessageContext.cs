using System.Runtime.CompilerServices;
using ServerlessCqrs.Caching;
using ServerlessCqrs.Registry;

namespace ServerlessCqrs.Pipeline;

/// <summary>What behaviors know about the message being handled, shared along one pipeline run.</summary>
public sealed class MessageContext
{
    private Dictionary<string, object?>? _items;

    // Boxed: only cached queries have one, and the context every call allocates stays small.
    private StrongBox<QueryCacheStatus>? _cacheStatus;

    internal MessageContext(MessageDescriptor message, string handlerName, IServiceProvider services, string? messageId = null)
    {
        Message = message;
        HandlerName = handlerName;
        Services = services;
        MessageId = messageId;
    }

    /// <summary>The message's registry entry: name, kind, type.</summary>
    public MessageDescriptor Message { get; }

    /// <summary>The handler's name.</summary>
    public string HandlerName { get; }

    /// <summary>The scope the handler and behaviors are resolved from.</summary>
    public IServiceProvider Services { get; }

    /// <summary>The event id when handling an event; otherwise <see langword="null"/>.</summary>
    public string? MessageId { get; }

    /// <summary>The current attempt, starting at 1. The resilience behavior raises it on each retry.</summary>
    public int Attempt { get; internal set; } = 1;

    /// <summary>Retries made so far: <see cref="Attempt"/> - 1.</summary>
    public int RetryCount => Attempt - 1;

    /// <summary>How the cache answered, once the caching behavior has run for a cached query; otherwise <see langword="null"/>.</summary>
    public QueryCacheStatus? CacheStatus
    {
        get => _cacheStatus?.Value;
        internal set => _cacheStatus = value is { } status ? new(status) : null;
    }

    /// <summary>State behaviors share along this run.</summary>
    public IDictionary<string, object?> Items => _items ??= new(StringComparer.Ordinal);

    /// <summary>Whether the caching behavior should run the handler and overwrite the cached result (prefetch).</summary>
    internal bool RefreshCache { get; init; }

    /// <summary>A fresh context for the same message in another scope, for work that may outlive this one.</summary>
    internal MessageContext WithServices(IServiceProvider services) => new(Message, HandlerName, services, MessageId);
}
