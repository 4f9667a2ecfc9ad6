using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using ServerlessCqrs.Configuration;

namespace ServerlessCqrs.Azure.Tables;

/// <summary>The tables the kernel uses; configuration section <c>Cqrs:TableStorage</c>.</summary>
public sealed class TableStorageOptions : ISettingKeys, IValidatableObject
{
    private const string TableName = "^[A-Za-z][A-Za-z0-9]{2,62}$";
    private const string TableRule = "must be 3-63 letters and digits, starting with a letter";

    /// <summary>The configuration section.</summary>
    public const string SectionName = "Cqrs:TableStorage";

    /// <summary>
    /// State and its outbox: one partition per stream (aggregate), so a state change and its events
    /// commit in one entity-group transaction (default <c>CqrsState</c>).
    /// </summary>
    [SettingPattern(TableName, TableRule)]
    public string StateTable { get; set; } = "CqrsState";

    /// <summary>Which handlers succeeded for which event (default <c>CqrsHandlerLedger</c>).</summary>
    [SettingPattern(TableName, TableRule)]
    public string LedgerTable { get; set; } = "CqrsHandlerLedger";

    /// <summary>The outbox's index of pending events and its parked events (default <c>CqrsOutbox</c>).</summary>
    [SettingPattern(TableName, TableRule)]
    public string OutboxTable { get; set; } = "CqrsOutbox";

    /// <summary>Idempotency keys and the outcomes they return (default <c>CqrsIdempotency</c>).</summary>
    [SettingPattern(TableName, TableRule)]
    public string IdempotencyTable { get; set; } = "CqrsIdempotency";

    /// <summary>The tables of the read models registered with <c>AddReadModel</c> (Orders registers <c>OrderSummaries</c>), and any you name here.</summary>
    public IList<string> ReadModelTables { get; } = [];

    /// <summary>Every table the app uses, each once: created when the host starts, and by deployments.</summary>
    public IReadOnlyList<string> AllTables => [.. new[] { StateTable, OutboxTable, LedgerTable, IdempotencyTable }.Concat(ReadModelTables).Distinct(StringComparer.OrdinalIgnoreCase)];

    string ISettingKeys.KeyOf(string property) => $"{SectionName}:{property}";

    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        var pattern = new SettingPatternAttribute(TableName, TableRule);
        if (ReadModelTables.FirstOrDefault(table => !pattern.IsValid(table) || string.IsNullOrEmpty(table)) is { } bad)
        {
            yield return SettingFailure.Of(this, nameof(ReadModelTables), bad, TableRule);
        }
    }
}

[OptionsValidator]
internal sealed partial class TableStorageOptionsValidator : IValidateOptions<TableStorageOptions>;
