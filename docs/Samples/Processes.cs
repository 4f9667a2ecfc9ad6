using Microsoft.Extensions.DependencyInjection;
using ServerlessCqrs.Processes;
using ServerlessCqrs.Testing;

namespace ServerlessCqrs.Docs.Samples;

#region process-manager
// Seats held for a booking are released unless the booking is paid within ten minutes.
// The state is kept per correlation id (the booking id), saved as an aggregate with every step.
public sealed class SeatHoldProcess : ProcessManager<SeatHold>
{
    private static readonly TimeSpan HoldFor = TimeSpan.FromMinutes(10);

    public SeatHoldProcess()
    {
        StartedBy<SeatsHeld>(e => e.BookingId, (process, held) =>
        {
            process.State = new SeatHold(held.BookingId, held.Seats);
            process.RequestTimeout(HoldFor, new HoldExpired(held.BookingId));
        });

        // Completing keeps the record (a late message still finds it) and cancels the timeout.
        Handles<BookingPaid>(e => e.BookingId, (process, _) => process.Complete());

        OnTimeout<HoldExpired>((process, expired) =>
        {
            process.Send(new ReleaseSeats { BookingId = expired.BookingId, Seats = process.State!.Seats }); // sent once saved
            process.Complete();
        });
    }
}

public sealed record SeatHold(string BookingId, int Seats);

public sealed record HoldExpired(string BookingId);
#endregion

public sealed record SeatsHeld : Event
{
    public required string BookingId { get; init; }

    public required int Seats { get; init; }
}

public sealed record BookingPaid : Event
{
    public required string BookingId { get; init; }
}

public sealed record ReleaseSeats : ICommand
{
    public string BookingId { get; init; } = "";

    public int Seats { get; init; }
}

internal sealed class ReleaseSeatsHandler : ICommandHandler<ReleaseSeats>
{
    public ValueTask<Result> HandleAsync(ReleaseSeats command, CancellationToken cancellationToken) => ValueTask.FromResult(Result.Success);
}

internal static class ProcessSamples
{
    public static async Task<bool> HoldExpiresAsync()
    {
        #region process-test
        await using var kit = CqrsTestKit.Create(cqrs => cqrs
            .AddMessage<SeatsHeld>().AddMessage<BookingPaid>().AddHandler<ReleaseSeatsHandler>().AddProcess<SeatHoldProcess>());
        await kit.PublishAsync(new SeatsHeld { BookingId = "b1", Seats = 2, OccurredAt = kit.Time.GetUtcNow() });

        // The timeout waits on the kit's clock: listed as an operator sees it, and fired when the clock passes it.
        var waiting = await kit.Services.GetRequiredService<ProcessTimeouts>().ListAsync(10, overdueOnly: false, CancellationToken.None);
        kit.Time.Advance(TimeSpan.FromMinutes(10));
        await Eventually.HoldsAsync(() => kit.SentCommands.OfType<ReleaseSeats>().Any(), "the seats are released");
        #endregion
        return waiting.Count == 1;
    }
}
