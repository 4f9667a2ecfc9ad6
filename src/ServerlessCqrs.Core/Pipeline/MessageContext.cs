using System.Security.Claims;
using Microsoft.AspNetCore.Http.Features;
using ServerlessCqrs.Registry;
using ServerlessCqrs.Security;

namespace ServerlessCqrs.Pipeline;

/// <summary>What behaviors know about the message being handled, shared along one pipeline run.</summary>
public sealed class MessageContext
{
    private IFeatureCollection? _features;

    internal MessageContext(
        MessageDescriptor message, string handlerName, IServiceProvider services, string? messageId = null, IFeatureCollection? features = null, MessageCaller? caller = null)
    {
        Caller = caller ?? MessageCaller.Current;
        Message = message;
        HandlerName = handlerName;
        Services = services;
        MessageId = messageId;
        _features = features;
    }

    /// <summary>The message's registry entry: name, kind, type.</summary>
    public MessageDescriptor Message { get; }

    /// <summary>The handler's name.</summary>
    public string HandlerName { get; }

    /// <summary>The scope the handler and behaviors are resolved from.</summary>
    public IServiceProvider Services { get; }

    /// <summary>The event id when handling an event; otherwise <see langword="null"/>.</summary>
    public string? MessageId { get; }

    /// <summary>Who the message runs for: the authenticated caller, or the service acting for an event's tenant.</summary>
    public MessageCaller Caller { get; }

    /// <summary>The caller's principal, as ASP.NET Core authorization sees it.</summary>
    public ClaimsPrincipal User => Caller.User;

    /// <summary>The current attempt, starting at 1. The resilience behavior raises it on each retry.</summary>
    public int Attempt { get; internal set; } = 1;

    /// <summary>Retries made so far: <see cref="Attempt"/> - 1.</summary>
    public int RetryCount => Attempt - 1;

    /// <summary>
    /// What this dispatch carries beside the message, as <c>HttpContext.Features</c> does for a request: what
    /// the caller asks of the behaviors (a cache refresh) and what behaviors report back (how the cache
    /// answered). The caller's collection when it passed one to <see cref="IMessageBus.DispatchAsync(object, IFeatureCollection, CancellationToken)"/>,
    /// so it reads the reports after the dispatch; otherwise one made on first use.
    /// </summary>
    public IFeatureCollection Features => _features ??= new FeatureCollection();

    /// <summary>A feature of this dispatch, without making a collection when there is none.</summary>
    internal TFeature? FeatureOrDefault<TFeature>() => _features is null ? default : _features.Get<TFeature>();

    /// <summary>
    /// A context for the same dispatch in another scope, for work that may outlive this one (a background
    /// refresh of a cached query): it gets a copy of the features, since the caller's may be reused once it returns.
    /// </summary>
    internal MessageContext WithServices(IServiceProvider services) => new(Message, HandlerName, services, MessageId, CopyOfFeatures(), Caller);

    private FeatureCollection? CopyOfFeatures()
    {
        if (_features is null)
        {
            return null;
        }

        var copy = new FeatureCollection();
        foreach (var (type, feature) in _features)
        {
            copy[type] = feature;
        }

        return copy;
    }
}
