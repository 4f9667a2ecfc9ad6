using System.CommandLine;

namespace ServerlessCqrs.Ops.Cli;

/// <summary>Gives commands their action: the work, its time limit, and one line and exit code 1 for any failure.</summary>
internal static class OpsCommand
{
    /// <summary>How long a command may take (<c>--timeout</c>, default 60 s), set on the root and seen by every command.</summary>
    public static readonly Option<TimeSpan> Timeout = new("--timeout")
    {
        Description = "How long the command may take, for example 30s, 2m or 00:01:30 (default 60s).",
        Recursive = true,
        DefaultValueFactory = _ => TimeSpan.FromSeconds(60),
        CustomParser = result => Durations.Parse(result),
    };

    /// <summary>Sets <paramref name="command"/>'s action to <paramref name="work"/>, bounded by <see cref="Timeout"/>.</summary>
    public static void SetWork(this Command command, OpsContext context, Func<ParseResult, CancellationToken, Task<int>> work)
    {
        command.SetAction(async (parse, cancellationToken) =>
        {
            var timeout = parse.GetValue(Timeout);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(timeout);
            try
            {
                return await work(parse, limit.Token);
            }
            catch (OpsException failure)
            {
                context.Console.Failure(failure.Message);
            }
            catch (OperationCanceledException) when (limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                context.Console.Failure($"{command.Name} did not finish within {Durations.Format(timeout)} (--timeout).");
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                context.Console.Failure($"{command.Name} was cancelled.");
            }
#pragma warning disable CA1031 // The last resort: whatever went wrong is one line, never a stack trace.
            catch (Exception unexpected)
#pragma warning restore CA1031
            {
                context.Console.Failure($"{command.Name} failed unexpectedly: {unexpected.GetType().Name}: {FailureText.FirstLine(unexpected.Message)}");
            }

            return ExitCodes.Failure;
        });
    }
}
