namespace ServerlessCqrs.Payments.Projections;

/// <summary>A row of the payments read model, one per order.</summary>
/// <param name="OrderId">The order.</param>
/// <param name="Status">The furthest status its events have shown.</param>
/// <param name="AmountDue">The amount due, once requested.</param>
/// <param name="DueAt">When it is due, once requested.</param>
/// <param name="AmountReceived">The sum of the payments in <paramref name="Applied"/>.</param>
/// <param name="AmountRefunded">The sum of the refunds in <paramref name="Applied"/>.</param>
/// <param name="Applied">The events already applied, so a redelivery adds nothing twice.</param>
internal sealed record PaymentView(
    string OrderId, PaymentStatus Status, decimal? AmountDue, DateTimeOffset? DueAt, decimal AmountReceived, decimal AmountRefunded, IReadOnlyList<Guid> Applied);
