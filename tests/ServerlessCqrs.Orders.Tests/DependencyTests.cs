namespace ServerlessCqrs.Orders.Tests;

/// <summary>The domain knows no cloud: its stores are the kernel's seams, and the hosts choose the adapters.</summary>
public sealed class DependencyTests
{
    [Fact]
    public void Orders_ReferencesTheKernelAlone_OfOurs_AndNoAzureSdk()
    {
        var references = typeof(OrdersCqrsBuilderExtensions).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.Contains("ServerlessCqrs.Core", references);
        Assert.DoesNotContain(references, name => name.StartsWith("ServerlessCqrs.", StringComparison.Ordinal) && name != "ServerlessCqrs.Core");
        Assert.DoesNotContain(references, name => name.StartsWith("Azure", StringComparison.Ordinal));
    }
}
