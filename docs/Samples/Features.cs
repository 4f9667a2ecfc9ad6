using Microsoft.AspNetCore.Http.Features;
using ServerlessCqrs.Caching;

namespace ServerlessCqrs.Docs.Samples;

internal static class Features
{
    public static async Task<TimeSpan?> AgeOfAsync(IMessageBus bus)
    {
        #region dispatch-features
        // A dispatch carries features, as an HTTP request does: behaviors read requests from them and
        // leave reports in them. The query cache reports how it answered.
        var features = new FeatureCollection();
        var result = await bus.DispatchAsync(new GetCustomer { CustomerId = "c1" }, features);
        if (features.Get<QueryCacheStatus>() is { IsHit: true } cached)
        {
            Console.WriteLine($"{cached.Outcome}, {cached.Age.TotalSeconds:0} s old, ETag {cached.ETag}");
        }
        #endregion
        return result.IsSuccess ? features.Get<QueryCacheStatus>()?.Age : null;
    }
}
