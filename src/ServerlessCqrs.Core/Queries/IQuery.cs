namespace ServerlessCqrs;

/// <summary>A request to read state; never changes it.</summary>
/// <typeparam name="TResult">The value the query returns.</typeparam>
#pragma warning disable CA1040 // A marker carrying the result type is the point of this interface.
public interface IQuery<TResult> : IMessage;
#pragma warning restore CA1040
