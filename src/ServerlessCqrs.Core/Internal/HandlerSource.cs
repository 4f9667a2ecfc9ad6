using Microsoft.Extensions.DependencyInjection;

namespace ServerlessCqrs.Internal;

/// <summary>
/// Where an invoker gets its handler: from the call's scope, except that a singleton is resolved once
/// and kept (typed, so no cast or container lookup is paid per call).
/// </summary>
internal sealed class HandlerSource<THandler>(Type handlerType, bool isSingleton)
    where THandler : class
{
    private THandler? _singleton;

    public THandler From(IServiceProvider services) => _singleton ?? Resolve(services);

    private THandler Resolve(IServiceProvider services)
    {
        var handler = (THandler)services.GetRequiredService(handlerType);
        if (isSingleton)
        {
            _singleton = handler;
        }

        return handler;
    }
}
