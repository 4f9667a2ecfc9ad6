namespace ServerlessCqrs;

/// <summary>A request to change state that returns no value beyond success or an expected failure.</summary>
public interface ICommand : IMessage;

/// <summary>A request to change state that returns a <typeparamref name="TResult"/> on success.</summary>
/// <typeparam name="TResult">The value returned when the command succeeds.</typeparam>
#pragma warning disable CA1040 // A marker carrying the result type is the point of this interface.
public interface ICommand<TResult> : IMessage;
#pragma warning restore CA1040
