namespace ServerlessCqrs.Resilience;

/// <summary>Decides whether a failure may pass if tried again. Only transient failures are retried.</summary>
public interface ITransientErrorClassifier
{
    /// <summary><see langword="true"/> when trying again may succeed.</summary>
    bool IsTransient(Exception exception);
}
