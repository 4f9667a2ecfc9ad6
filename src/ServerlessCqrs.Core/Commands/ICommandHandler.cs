namespace ServerlessCqrs;

/// <summary>Handles a command that returns no value. Exactly one handler per command type.</summary>
/// <typeparam name="TCommand">The command type.</typeparam>
public interface ICommandHandler<in TCommand>
    where TCommand : ICommand
{
    /// <summary>Changes state. Expected failures are returned as <see cref="Result"/>; faults are thrown.</summary>
    ValueTask<Result> HandleAsync(TCommand command, CancellationToken cancellationToken);
}

/// <summary>Handles a command that returns a value. Exactly one handler per command type.</summary>
/// <typeparam name="TCommand">The command type.</typeparam>
/// <typeparam name="TResult">The value returned on success.</typeparam>
public interface ICommandHandler<in TCommand, TResult>
    where TCommand : ICommand<TResult>
{
    /// <summary>Changes state. Expected failures are returned as <see cref="Result{T}"/>; faults are thrown.</summary>
    ValueTask<Result<TResult>> HandleAsync(TCommand command, CancellationToken cancellationToken);
}
