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
    /// Wrap every handler in the default behaviors — telemetry, logging, validation and resilience
    /// (default <see langword="true"/>). When <see langword="false"/> only your own behaviors run.
    /// </summary>
    public bool EnableDefaultBehaviors { get; set; } = true;

    /// <summary>
    /// Run background work — the outbox sweeper, keeping configured query results warm, listening to
    /// a Storage Queue — as hosted services (default <see langword="true"/>). Turn it off where
    /// triggers do it instead, as in the Functions app: an instance may be gone before its next tick.
    /// (The in-process transport always runs here: no trigger can reach it.)
    /// </summary>
    public bool HostBackgroundWork { get; set; } = true;

    /// <summary>The assemblies scanned when <see cref="AutoDiscoverHandlers"/> is on.</summary>
    public IList<Assembly> Assemblies { get; } = [];

    /// <summary>The lifetime handlers are registered with (default scoped: one per request or delivery).</summary>
    public ServiceLifetime HandlerLifetime { get; set; } = ServiceLifetime.Scoped;
}
