namespace ServerlessCqrs;

/// <summary>Sends commands through the behavior pipeline to their handler.</summary>
public interface ICommandBus
{
    /// <summary>Sends a command that returns no value.</summary>
    ValueTask<Result> SendAsync(ICommand command, CancellationToken cancellationToken = default);

    /// <summary>Sends a command that returns a value.</summary>
    ValueTask<Result<TResult>> SendAsync<TResult>(ICommand<TResult> command, CancellationToken cancellationToken = default);
}
