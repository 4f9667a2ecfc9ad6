namespace ServerlessCqrs.Pipeline.Behaviors;

/// <summary>The <c>bus</c> log field: which bus a message travelled on.</summary>
internal static class BusNames
{
    public static string Of(MessageKind kind) => kind switch
    {
        MessageKind.Command => "command",
        MessageKind.Query => "query",
        _ => "event",
    };
}
