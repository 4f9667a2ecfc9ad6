using System.Collections.Concurrent;
using ServerlessCqrs.Caching;

namespace ServerlessCqrs.IntegrationTests.Caching;

/// <summary>A cached query over a board several hosts share, as instances share a database.</summary>
[QueryCache(60)]
public sealed record GetQuote(string Symbol) : IQuery<Quote>, ICacheTagged
{
    public IEnumerable<string> GetCacheTags() => ["symbol:" + Symbol];
}

public sealed record Quote(string Symbol, decimal Price);

public sealed class QuoteBoard
{
    private readonly ConcurrentDictionary<string, decimal> _prices = new();
    private int _reads;

    public int Reads => _reads;

    public void Set(string symbol, decimal price) => _prices[symbol] = price;

    public Quote Read(string symbol)
    {
        Interlocked.Increment(ref _reads);
        return new Quote(symbol, _prices.GetValueOrDefault(symbol, 1m));
    }
}

public sealed class GetQuoteHandler(QuoteBoard board) : IQueryHandler<GetQuote, Quote>
{
    public ValueTask<Result<Quote>> HandleAsync(GetQuote query, CancellationToken cancellationToken) =>
        ValueTask.FromResult<Result<Quote>>(board.Read(query.Symbol));
}
