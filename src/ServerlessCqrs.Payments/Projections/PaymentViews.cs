using ServerlessCqrs.Storage;

namespace ServerlessCqrs.Payments.Projections;

/// <summary>The payments read model: a view per order, changed by one event at a time, each at most once.</summary>
internal sealed class PaymentViews(ReadModel<PaymentView> views)
{
    /// <summary>The read model's name (its table, in Table Storage).</summary>
    public const string Name = "Payments";

    private const string Id = "payment";

    public async ValueTask<PaymentView?> FindAsync(string orderId, CancellationToken cancellationToken) =>
        (await views.FindAsync(orderId, Id, cancellationToken).ConfigureAwait(false))?.View;

    /// <summary>Applies event <paramref name="eventId"/> to the order's view, unless it already was.</summary>
    public async ValueTask ApplyAsync(string orderId, Guid eventId, Func<PaymentView, PaymentView> apply, CancellationToken cancellationToken) =>
        await views.ChangeAsync(orderId, Id, current =>
        {
            var view = current ?? new PaymentView(orderId, PaymentStatus.Requested, null, null, 0, 0, []);
            return view.Applied.Contains(eventId) ? null : apply(view) with { Applied = [.. view.Applied, eventId] };
        }, _ => orderId, cancellationToken).ConfigureAwait(false);
}
