namespace ServerlessCqrs;

/// <summary>The three kinds of message the kernel dispatches.</summary>
public enum MessageKind
{
    /// <summary>Changes state; exactly one handler.</summary>
    Command,

    /// <summary>Reads state; exactly one handler.</summary>
    Query,

    /// <summary>A fact; any number of handlers.</summary>
    Event,
}
