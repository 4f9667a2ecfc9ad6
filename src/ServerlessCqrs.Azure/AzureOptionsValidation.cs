using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using ServerlessCqrs.Azure.ServiceBus;
using ServerlessCqrs.Azure.StorageQueues;
using ServerlessCqrs.Azure.Tables;

namespace ServerlessCqrs.Azure;

/// <summary>Validates the adapters' settings at startup, naming the bad setting and value.</summary>
internal sealed partial class AzureOptionsValidation
    : IValidateOptions<TableStorageOptions>, IValidateOptions<StorageQueueOptions>, IValidateOptions<ServiceBusOptions>
{
    private const string TableRule = "must be 3-63 letters and digits, starting with a letter";
    private const string QueueRule = "must be 3-56 lower-case letters, digits and single hyphens (the poison queue adds 7), starting and ending with a letter or digit";

    public ValidateOptionsResult Validate(string? name, TableStorageOptions options)
    {
        var badReadModelTable = options.ReadModelTables.FirstOrDefault(table => !TableName().IsMatch(table ?? ""));
        return new SettingChecks(TableStorageOptions.SectionName)
            .Require(TableName().IsMatch(options.StateTable ?? ""), nameof(options.StateTable), options.StateTable, TableRule)
            .Require(TableName().IsMatch(options.LedgerTable ?? ""), nameof(options.LedgerTable), options.LedgerTable, TableRule)
            .Require(TableName().IsMatch(options.OutboxTable ?? ""), nameof(options.OutboxTable), options.OutboxTable, TableRule)
            .Require(TableName().IsMatch(options.IdempotencyTable ?? ""), nameof(options.IdempotencyTable), options.IdempotencyTable, TableRule)
            .Require(badReadModelTable is null, nameof(options.ReadModelTables), badReadModelTable, TableRule)
            .ToResult();
    }

    public ValidateOptionsResult Validate(string? name, StorageQueueOptions options)
    {
        var second = TimeSpan.FromSeconds(1);
        return new SettingChecks(StorageQueueOptions.SectionName)
            .Require(QueueName().IsMatch(options.QueueName ?? "") && options.QueueName!.Length <= 56, nameof(options.QueueName), options.QueueName, QueueRule)
            .Require(options.VisibilityTimeout >= second && options.VisibilityTimeout <= TimeSpan.FromDays(7), nameof(options.VisibilityTimeout), options.VisibilityTimeout, "must be between 1 second and 7 days")
            .Require(options.BatchSize is >= 1 and <= 32, nameof(options.BatchSize), options.BatchSize, "must be between 1 and 32")
            .Require(options.MaxConcurrency is >= 1 and <= 64, nameof(options.MaxConcurrency), options.MaxConcurrency, "must be between 1 and 64")
            .Require(options.MaxPollingInterval >= TimeSpan.FromMilliseconds(100) && options.MaxPollingInterval <= TimeSpan.FromMinutes(1), nameof(options.MaxPollingInterval), options.MaxPollingInterval, "must be between 100 ms and 1 minute")
            .ToResult();
    }

    public ValidateOptionsResult Validate(string? name, ServiceBusOptions options) =>
        new SettingChecks(ServiceBusOptions.SectionName)
            .Require(!string.IsNullOrWhiteSpace(options.TopicName) && options.TopicName.Length <= 260, nameof(options.TopicName), options.TopicName, "must be 1-260 characters")
            .Require(!string.IsNullOrWhiteSpace(options.SubscriptionName) && options.SubscriptionName.Length <= 50, nameof(options.SubscriptionName), options.SubscriptionName, "must be 1-50 characters")
            .Require(options.MaxConcurrentCalls is >= 1 and <= 64, nameof(options.MaxConcurrentCalls), options.MaxConcurrentCalls, "must be between 1 and 64")
            .ToResult();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    private static partial Regex TableName();

    [GeneratedRegex("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$")]
    private static partial Regex QueueName();
}
