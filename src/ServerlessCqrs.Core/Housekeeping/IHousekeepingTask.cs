namespace ServerlessCqrs.Housekeeping;

/// <summary>
/// Clean-up a store needs now and then, such as removing records past their retention. Each run does a
/// bounded amount of work and reads only what is due, never the whole store.
/// </summary>
public interface IHousekeepingTask
{
    /// <summary>What it cleans, for logs.</summary>
    string Name { get; }

    /// <summary>Does one round; returns how many items it removed.</summary>
    ValueTask<int> RunAsync(CancellationToken cancellationToken);
}
