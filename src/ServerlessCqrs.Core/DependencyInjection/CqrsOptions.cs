using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace ServerlessCqrs;

/// <summary>How <c>AddServerlessCqrs</c> composes the kernel. Applied once, at registration.</summary>
public sealed class CqrsOptions
{
    /// <summary>
    /// Scan <see cref="Assemblies"/> for messages and handlers (default <see langword="true"/>). When
    /// <see langword="false"/> nothing is scanned: register handlers with <c>AddHandler&lt;T&gt;()</c> and
    /// handler-less messages with <c>AddMessage&lt;T&gt;()</c>.
    /// </summary>
    public bool AutoDiscoverHandlers { get; set; } = true;

    /// <summary>
    /// Wrap every handler in the built-in stages of the pipeline — telemetry, logging, validation, caching and
    /// resilience (default <see langword="true"/>). When <see langword="false"/> only your own behaviors run.
    /// </summary>
    public bool EnableDefaultBehaviors { get; set; } = true;

    /// <summary>The assemblies scanned when <see cref="AutoDiscoverHandlers"/> is on.</summary>
    public IList<Assembly> Assemblies { get; } = [];

    /// <summary>The lifetime handlers are registered with (default scoped: one per request or delivery).</summary>
    public ServiceLifetime HandlerLifetime { get; set; } = ServiceLifetime.Scoped;
}
