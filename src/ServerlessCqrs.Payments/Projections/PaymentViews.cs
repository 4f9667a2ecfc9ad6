using ServerlessCqrs.Resilience;
using ServerlessCqrs.Storage;

namespace ServerlessCqrs.Payments.Projections;

/// <summary>The payments read model: a view per order, changed by one event at a time, each at most once.</summary>
internal sealed class PaymentViews(ReadModel<PaymentView> views)
{
    /// <summary>The read model's name (its table, in Table Storage).</summary>
    public const string Name = "Payments";

    private const string Id = "payment";
    private const int ConflictAttempts = 3;

    public async ValueTask<PaymentView?> FindAsync(string orderId, CancellationToken cancellationToken) =>
        (await views.FindAsync(orderId, Id, cancellationToken).ConfigureAwait(false))?.View;

    /// <summary>Applies event <paramref name="eventId"/> to the order's view, unless it already was; retries when another event wrote in between.</summary>
    public async ValueTask ApplyAsync(string orderId, Guid eventId, Func<PaymentView, PaymentView> apply, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await views.FindAsync(orderId, Id, cancellationToken).ConfigureAwait(false);
            var view = current?.View ?? new PaymentView(orderId, PaymentStatus.Requested, null, null, 0, 0, []);
            if (view.Applied.Contains(eventId))
            {
                return;
            }

            var next = apply(view) with { Applied = [.. view.Applied, eventId] };
            if (await views.TryWriteAsync(orderId, Id, next, orderId, current?.Revision, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            if (attempt == ConflictAttempts)
            {
                throw new TransientException($"The payment view of order '{orderId}' kept changing under this write.");
            }
        }
    }
}
