using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ServerlessCqrs.Events;
using ServerlessCqrs.Ops.Cli;

namespace ServerlessCqrs.Ops.DeadLetters;

/// <summary><c>deadletters list|show|replay|purge</c>, on the Storage Queue or Service Bus the app's settings name.</summary>
internal static class DeadLetterCommands
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Command Create(OpsContext context) => new("deadletters",
        "Lists, shows, replays and purges the app's dead letters on the Storage Queue or Service Bus its settings name " +
        "(Cqrs__Events__Transport, ConnectionStrings__Storage or ConnectionStrings__ServiceBus, the queue or topic names).")
    {
        List(context),
        Show(context),
        Replay(context),
        Purge(context),
    };

    private static Command List(OpsContext context)
    {
        var max = new Option<int>("--max") { Description = "Most dead letters to list, oldest first (1 to 1000; a Storage Queue shows at most 32).", DefaultValueFactory = _ => 100 };
        max.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 1000)
            {
                result.AddError("--max must be from 1 to 1000.");
            }
        });
        var command = new Command("list", "Lists dead letters: event id, event name, reason, attempts and first-failure time (never payloads).") { max };
        command.SetWork(context, async (parse, cancellationToken) =>
        {
            await using var source = DeadLetterSource.Open(context.Configuration);
            var deadLetters = await source.RunAsync((queue, ct) => queue.ListAsync(parse.GetValue(max), ct).AsTask(), cancellationToken);
            if (deadLetters.Count == 0)
            {
                context.Console.Success($"No dead letters in {source.Target}.");
                return ExitCodes.Success;
            }

            context.Console.Line($"{deadLetters.Count} dead letter{(deadLetters.Count == 1 ? "" : "s")} in {source.Target}:");
            var table = context.Console.Table("Event id", "Event", "Reason", "Attempts", "First failed (UTC)");
            foreach (var deadLetter in deadLetters)
            {
                context.Console.AddRow(table, deadLetter.Envelope.EventId.ToString(), deadLetter.Envelope.Name, deadLetter.Reason,
                    deadLetter.Attempts.ToString(CultureInfo.InvariantCulture), Time(deadLetter.FirstFailedAt));
            }

            context.Console.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Show(OpsContext context)
    {
        var id = new Argument<Guid>("id") { Description = "The event id of the dead letter." };
        var command = new Command("show", "Shows one dead letter in full: the event with its payload, and how it failed.") { id };
        command.SetWork(context, async (parse, cancellationToken) =>
        {
            var eventId = parse.GetValue(id);
            await using var source = DeadLetterSource.Open(context.Configuration);
            var deadLetter = await source.RunAsync((queue, ct) => queue.FindAsync(eventId, ct).AsTask(), cancellationToken)
                ?? throw new OpsException($"There is no dead letter of event {eventId} in {source.Target}.");
            Write(context.Console, deadLetter, source.Target);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Replay(OpsContext context)
    {
        var (id, all) = Selection("replay");
        var command = new Command("replay", "Sends dead letters back to the app as first deliveries, with their ids and trace context; " +
            "handlers that already succeeded for an event do not run again.") { id, all };
        RequireOneOf(command, id, all);
        command.SetWork(context, async (parse, cancellationToken) =>
        {
            await using var source = DeadLetterSource.Open(context.Configuration);
            if (parse.GetValue(all))
            {
                var count = await context.Console.ProgressAsync($"Replaying the dead letters in {source.Target}", steps: 0,
                    _ => source.RunAsync((queue, ct) => queue.ReplayAllAsync(ct).AsTask(), cancellationToken));
                context.Console.Success($"Replayed {count} dead letter{(count == 1 ? "" : "s")} from {source.Target}.");
                return ExitCodes.Success;
            }

            var eventId = parse.GetValue(id)!.Value;
            if (!await source.RunAsync((queue, ct) => queue.ReplayAsync(eventId, ct).AsTask(), cancellationToken))
            {
                throw new OpsException($"There is no dead letter of event {eventId} in {source.Target}.");
            }

            context.Console.Success($"Replayed event {eventId} from {source.Target}: it is delivered again as a first delivery.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Purge(OpsContext context)
    {
        var (id, all) = Selection("purge");
        var yes = new Option<bool>("--yes", "-y") { Description = "Purge without asking: the events are deleted for good." };
        var command = new Command("purge", "Deletes dead letters for good.") { id, all, yes };
        RequireOneOf(command, id, all);
        command.Validators.Add(result =>
        {
            if (!result.GetValue(yes) && !context.Console.IsInteractive)
            {
                result.AddError("purge deletes events for good; add --yes to confirm (there is no terminal to ask on).");
            }
        });
        command.SetWork(context, async (parse, cancellationToken) =>
        {
            await using var source = DeadLetterSource.Open(context.Configuration);
            var everything = parse.GetValue(all);
            var eventId = parse.GetValue(id);
            var what = everything ? $"every dead letter in {source.Target}" : $"the dead letter of event {eventId} in {source.Target}";
            if (!parse.GetValue(yes) && !await context.Console.ConfirmAsync($"Delete {what} for good?", cancellationToken))
            {
                context.Console.Line("Nothing was purged.");
                return ExitCodes.Failure;
            }

            if (everything)
            {
                var count = await context.Console.ProgressAsync($"Purging the dead letters in {source.Target}", steps: 0,
                    _ => source.RunAsync((queue, ct) => queue.PurgeAllAsync(ct).AsTask(), cancellationToken));
                context.Console.Success($"Purged {count} dead letter{(count == 1 ? "" : "s")} from {source.Target}.");
                return ExitCodes.Success;
            }

            if (!await source.RunAsync((queue, ct) => queue.PurgeAsync(eventId!.Value, ct).AsTask(), cancellationToken))
            {
                throw new OpsException($"There is no dead letter of event {eventId} in {source.Target}.");
            }

            context.Console.Success($"Purged event {eventId} from {source.Target}.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static (Argument<Guid?> Id, Option<bool> All) Selection(string verb) => (
        new Argument<Guid?>("id") { Description = $"The event id of the dead letter to {verb}.", Arity = ArgumentArity.ZeroOrOne },
        new Option<bool>("--all") { Description = $"{char.ToUpperInvariant(verb[0])}{verb[1..]} every dead letter." });

    private static void RequireOneOf(Command command, Argument<Guid?> id, Option<bool> all) => command.Validators.Add(result =>
    {
        if (result.GetValue(id) is null == !result.GetValue(all))
        {
            result.AddError($"{command.Name} takes an event id or --all (one of them).");
        }
    });

    private static void Write(OpsConsole console, DeadLetter deadLetter, string target)
    {
        var e = deadLetter.Envelope;
        console.Line($"Dead letter of event {e.EventId} in {target}:");
        var details = console.Table("Field", "Value");
        console.AddRow(details, "Event", $"{e.Name} (version {e.Version})");
        console.AddRow(details, "Occurred (UTC)", Time(e.OccurredAt));
        console.AddRow(details, "Reason", deadLetter.Reason);
        console.AddRow(details, "Description", deadLetter.Description);
        console.AddRow(details, "Exception", deadLetter.ExceptionType ?? "-");
        console.AddRow(details, "Attempts", deadLetter.Attempts.ToString(CultureInfo.InvariantCulture));
        console.AddRow(details, "First failed (UTC)", Time(deadLetter.FirstFailedAt));
        console.AddRow(details, "Dead-lettered (UTC)", Time(deadLetter.DeadLetteredAt));
        console.AddRow(details, "Stream", e.StreamId ?? "-");
        console.AddRow(details, "Correlation", e.CorrelationId ?? "-");
        console.AddRow(details, "Trace", e.TraceParent ?? "-");
        console.Write(details);
        console.Line("Payload:");
        console.Line(Pretty(e.Payload));
        if (deadLetter.StackTrace is { } stack)
        {
            console.Line("Stack trace:");
            console.Line(stack);
        }
    }

    private static string Pretty(string payload)
    {
        try
        {
            using var json = JsonDocument.Parse(payload);
            return JsonSerializer.Serialize(json.RootElement, Indented);
        }
        catch (JsonException)
        {
            return payload;
        }
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
