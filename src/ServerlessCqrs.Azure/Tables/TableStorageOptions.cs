namespace ServerlessCqrs.Azure.Tables;

/// <summary>The tables the kernel uses; configuration section <c>Cqrs:TableStorage</c>.</summary>
public sealed class TableStorageOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Cqrs:TableStorage";

    /// <summary>
    /// State and its outbox: one partition per stream (aggregate), so a state change and its events
    /// commit in one entity-group transaction (default <c>CqrsState</c>).
    /// </summary>
    public string StateTable { get; set; } = "CqrsState";

    /// <summary>Which handlers succeeded for which event (default <c>CqrsHandlerLedger</c>).</summary>
    public string LedgerTable { get; set; } = "CqrsHandlerLedger";
}
