namespace ServerlessCqrs.Ops.OpenObserve.Smoke;

/// <summary>The smoke test's command: handled, it logs to the command stream and counts in <c>cqrs.commands</c>.</summary>
[MessageName("ops-smoke-command")]
internal sealed record SmokeCommand : ICommand;

/// <summary>The smoke test's query, logged to the query stream.</summary>
[MessageName("ops-smoke-query")]
internal sealed record SmokeQuery : IQuery<string>;

/// <summary>The smoke test's event, delivered in process and logged to the event stream.</summary>
[MessageName("ops-smoke-event")]
internal sealed record SmokeEvent : Event;

internal sealed class SmokeCommandHandler : ICommandHandler<SmokeCommand>
{
    public ValueTask<Result> HandleAsync(SmokeCommand command, CancellationToken cancellationToken) => ValueTask.FromResult(Result.Success);
}

internal sealed class SmokeQueryHandler : IQueryHandler<SmokeQuery, string>
{
    public ValueTask<Result<string>> HandleAsync(SmokeQuery query, CancellationToken cancellationToken) => ValueTask.FromResult<Result<string>>("ok");
}

/// <summary>Says when the event was handled, so the batch is complete before the exporters flush.</summary>
internal sealed class SmokeEventHandler(SmokeEventHandled handled) : IEventHandler<SmokeEvent>
{
    public ValueTask HandleAsync(SmokeEvent @event, CancellationToken cancellationToken)
    {
        handled.Completion.TrySetResult();
        return ValueTask.CompletedTask;
    }
}

/// <summary>Completes when the smoke event reached its handler.</summary>
internal sealed class SmokeEventHandled
{
    public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
