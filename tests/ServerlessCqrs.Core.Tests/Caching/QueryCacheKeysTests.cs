using System.Text.Json;
using ServerlessCqrs.Caching;
using ServerlessCqrs.Registry;

namespace ServerlessCqrs.Core.Tests.Caching;

public sealed class QueryCacheKeysTests
{
    [Fact]
    public void TheKey_DoesNotDependOnPropertyOrder()
    {
        using var kernel = new CacheKernel();
        var descriptor = kernel.Services.GetRequiredService<MessageRegistry>().GetByType(typeof(Filtered));
        var one = JsonSerializer.Deserialize("""{"filters":{"status":"open","city":"Oslo"}}""", descriptor.JsonTypeInfo)!;
        var other = JsonSerializer.Deserialize("""{"filters":{"city":"Oslo","status":"open"}}""", descriptor.JsonTypeInfo)!;

        Assert.Equal(new QueryCacheKeys(descriptor).For(one, "t1"), new QueryCacheKeys(descriptor).For(other, "t1"));
        Assert.NotEqual(new QueryCacheKeys(descriptor).For(one, "t1"), new QueryCacheKeys(descriptor).For(new Filtered(new Dictionary<string, string> { ["city"] = "Bergen" }), "t1"));
    }

    [Fact]
    public void TheKey_IsTheQueryNameAndAFixedLengthHash_WithNoFieldValueInIt()
    {
        using var kernel = new CacheKernel();
        var descriptor = kernel.Services.GetRequiredService<MessageRegistry>().GetByType(typeof(Lookup));

        var shortKey = new QueryCacheKeys(descriptor).For(new Lookup("secret"), "t1");
        var longKey = new QueryCacheKeys(descriptor).For(new Lookup(new string('x', 10_000)), "t1");

        Assert.StartsWith("q:Lookup:", shortKey, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", shortKey, StringComparison.Ordinal);
        Assert.Equal(shortKey.Length, longKey.Length);
        Assert.Equal(shortKey, new QueryCacheKeys(descriptor).For(new Lookup("secret"), "t1"));
    }

    [Fact]
    public void TheKey_OfAQueryWithoutDictionaries_IsTheSameOnEveryCall_AndDiffersByValue()
    {
        using var kernel = new CacheKernel();
        var descriptor = kernel.Services.GetRequiredService<MessageRegistry>().GetByType(typeof(Lookup));

        var keys = Enumerable.Range(0, 3).Select(_ => new QueryCacheKeys(descriptor).For(new Lookup("a"), "t1")).ToList();

        Assert.Single(keys.Distinct());
        Assert.False(new QueryCacheKeys(descriptor).NeedsSorting);
        Assert.NotEqual(keys[0], new QueryCacheKeys(descriptor).For(new Lookup("b"), "t1"));
        var filtered = kernel.Services.GetRequiredService<MessageRegistry>().GetByType(typeof(Filtered));
        Assert.True(new QueryCacheKeys(filtered).NeedsSorting);
    }
}
