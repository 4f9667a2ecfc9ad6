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

        Assert.Equal(QueryCacheKeys.For(descriptor, one), QueryCacheKeys.For(descriptor, other));
        Assert.NotEqual(QueryCacheKeys.For(descriptor, one), QueryCacheKeys.For(descriptor, new Filtered(new Dictionary<string, string> { ["city"] = "Bergen" })));
    }

    [Fact]
    public void TheKey_IsTheQueryNameAndAFixedLengthHash_WithNoFieldValueInIt()
    {
        using var kernel = new CacheKernel();
        var descriptor = kernel.Services.GetRequiredService<MessageRegistry>().GetByType(typeof(Lookup));

        var shortKey = QueryCacheKeys.For(descriptor, new Lookup("secret"));
        var longKey = QueryCacheKeys.For(descriptor, new Lookup(new string('x', 10_000)));

        Assert.StartsWith("q:Lookup:", shortKey, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", shortKey, StringComparison.Ordinal);
        Assert.Equal(shortKey.Length, longKey.Length);
        Assert.Equal(shortKey, QueryCacheKeys.For(descriptor, new Lookup("secret")));
    }

    [Fact]
    public void TheKey_OfAQueryWithoutDictionaries_IsTheSameOnEveryCall_AndDiffersByValue()
    {
        using var kernel = new CacheKernel();
        var descriptor = kernel.Services.GetRequiredService<MessageRegistry>().GetByType(typeof(Lookup));

        var keys = Enumerable.Range(0, 3).Select(_ => QueryCacheKeys.For(descriptor, new Lookup("a"))).ToList();

        Assert.Single(keys.Distinct());
        Assert.False(descriptor.CacheKeyNeedsSorting);
        Assert.NotEqual(keys[0], QueryCacheKeys.For(descriptor, new Lookup("b")));
        var filtered = kernel.Services.GetRequiredService<MessageRegistry>().GetByType(typeof(Filtered));
        QueryCacheKeys.For(filtered, new Filtered(new Dictionary<string, string>()));
        Assert.True(filtered.CacheKeyNeedsSorting);
    }
}
