#pragma warning disable CA1812, CA1822 // The two namespaces below exist to show the graph a cycle.

namespace ServerlessCqrs.Core.Tests.Architecture.CycleA
{
    internal sealed class UsesB
    {
        public CycleB.UsesA? Other { get; set; }
    }
}

namespace ServerlessCqrs.Core.Tests.Architecture.CycleB
{
    internal sealed class UsesA
    {
        public object Make() => new CycleA.UsesB();
    }
}
