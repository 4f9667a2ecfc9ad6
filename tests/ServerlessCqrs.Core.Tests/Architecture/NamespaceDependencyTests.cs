using System.Reflection;
using ServerlessCqrs.Registry;

namespace ServerlessCqrs.Core.Tests.Architecture;

/// <summary>
/// The kernel's namespaces depend on each other one way only, so each can be read, and tested,
/// knowing just the ones below it.
/// </summary>
public sealed class NamespaceDependencyTests
{
    private static readonly Assembly Kernel = typeof(MessageRegistry).Assembly;

    [Fact]
    public void KernelNamespaces_FormNoCycle()
    {
        var cycles = NamespaceGraph.Of(Kernel).Cycles();

        Assert.True(cycles.Count == 0, "Namespaces of the kernel that depend on each other:" + Environment.NewLine + string.Join(Environment.NewLine, cycles));
    }

    [Fact]
    public void KernelNamespaces_DoNotNameAdaptersOrHosts()
    {
        string[] foreign = ["Azure", "ServiceBus", "StorageQueue", "Functions", "AspNetCore", "Http", "Redis"];

        var named = Kernel.GetTypes().Select(t => t.Namespace ?? "").Distinct()
            .Where(ns => foreign.Any(f => ns.Contains(f, StringComparison.Ordinal)));

        Assert.Empty(named);
    }

    [Fact]
    public void TheGraph_FindsACycleWhereThereIsOne()
    {
        var graph = NamespaceGraph.Of(typeof(NamespaceDependencyTests).Assembly);

        var cycle = Assert.Single(graph.Cycles(), c => c.Contains("CycleA", StringComparison.Ordinal));

        Assert.Contains("CycleB", cycle, StringComparison.Ordinal);
        Assert.Contains(nameof(CycleA.UsesB), cycle, StringComparison.Ordinal);
    }
}
