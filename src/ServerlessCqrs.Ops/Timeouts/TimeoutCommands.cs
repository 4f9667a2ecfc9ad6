using System.CommandLine;
using System.Globalization;
using ServerlessCqrs.Ops.Cli;

namespace ServerlessCqrs.Ops.Timeouts;

/// <summary><c>timeouts list|cancel|reschedule</c>: the timeouts the app's processes wait for, on the store and transport its settings name.</summary>
internal static class TimeoutCommands
{
    public static Command Create(OpsContext context) => new("timeouts",
        "Lists, cancels and reschedules the timeouts the app's processes wait for, in the Table Storage and on the Storage Queue or " +
        "Service Bus its settings name (Cqrs__Store, Cqrs__Events__Transport and their connections).")
    {
        List(context),
        Cancel(context),
        Reschedule(context),
    };

    private static Command List(OpsContext context)
    {
        var max = new Option<int>("--max") { Description = "Most timeouts to list, the earliest due first (1 to 1000).", DefaultValueFactory = _ => 100 };
        max.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 1000)
            {
                result.AddError("--max must be from 1 to 1000.");
            }
        });
        var overdue = new Option<bool>("--overdue") { Description = "Only timeouts past due by more than the grace period (Cqrs:Processes:OverdueGrace)." };
        var command = new Command("list", "Lists waiting timeouts: id, process, correlation id, tenant, timeout, due time and handle.") { max, overdue };
        command.SetWork(context, async (parse, cancellationToken) =>
        {
            await using var source = TimeoutSource.Open(context.Configuration);
            var onlyOverdue = parse.GetValue(overdue);
            var timeouts = await source.RunAsync((t, ct) => t.ListAsync(parse.GetValue(max), onlyOverdue, ct).AsTask(), cancellationToken);
            var what = onlyOverdue ? "overdue timeouts" : "timeouts waiting";
            if (timeouts.Count == 0)
            {
                context.Console.Success($"No {what} in {source.Target}.");
                return ExitCodes.Success;
            }

            context.Console.Line($"{timeouts.Count} {what} in {source.Target}:");
            var table = context.Console.Table("Timeout id", "Process", "Correlation id", "Tenant", "Timeout", "Due (UTC)", "Handle");
            foreach (var t in timeouts)
            {
                context.Console.AddRow(table, t.TimeoutId.ToString(), t.Process, t.CorrelationId, t.TenantId ?? "-", t.Timeout, Time(t.DueAt), t.Handle ?? "(not scheduled)");
            }

            context.Console.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Cancel(OpsContext context)
    {
        var id = new Argument<Guid>("id") { Description = "The timeout id (from timeouts list)." };
        var command = new Command("cancel", "Cancels a timeout: it never reaches its process (a delivery already on its way arrives stale and is ignored).") { id };
        command.SetWork(context, async (parse, cancellationToken) =>
        {
            var timeoutId = parse.GetValue(id);
            await using var source = TimeoutSource.Open(context.Configuration);
            if (!await source.RunAsync((t, ct) => t.CancelAsync(timeoutId, ct).AsTask(), cancellationToken))
            {
                throw new OpsException($"No process waits for timeout {timeoutId} in {source.Target}.");
            }

            context.Console.Success($"Cancelled timeout {timeoutId}.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Reschedule(OpsContext context)
    {
        var id = new Argument<Guid>("id") { Description = "The timeout id (from timeouts list)." };
        var at = new Option<DateTimeOffset>("--at")
        {
            Description = "When it is due now: an ISO 8601 time with an offset, such as 2026-12-03T10:00:00Z.",
            Required = true,
            CustomParser = result => DateTimeOffset.TryParse(result.Tokens[0].Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
                ? time
                : Fail(result, $"--at '{result.Tokens[0].Value}' is not a time; write it as 2026-12-03T10:00:00Z."),
        };
        var command = new Command("reschedule", "Moves a timeout to another time: it is replaced by a new one (a new id) due then, and the old one is ignored if it arrives.")
        {
            id,
            at,
        };
        command.SetWork(context, async (parse, cancellationToken) =>
        {
            var timeoutId = parse.GetValue(id);
            await using var source = TimeoutSource.Open(context.Configuration);
            var replacement = await source.RunAsync((t, ct) => t.RescheduleAsync(timeoutId, parse.GetValue(at), ct).AsTask(), cancellationToken)
                ?? throw new OpsException($"No process waits for timeout {timeoutId} in {source.Target}.");
            context.Console.Success($"Rescheduled timeout {timeoutId} as {replacement.TimeoutId}, due {Time(replacement.DueAt)} UTC.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static DateTimeOffset Fail(System.CommandLine.Parsing.ArgumentResult result, string error)
    {
        result.AddError(error);
        return default;
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
