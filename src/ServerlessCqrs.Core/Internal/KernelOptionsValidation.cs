using Microsoft.Extensions.Options;
using ServerlessCqrs.Events.Redelivery;
using ServerlessCqrs.Events;
using ServerlessCqrs.Events.InProcess;
using ServerlessCqrs.Outbox;

namespace ServerlessCqrs.Internal;

/// <summary>Validates the kernel's settings at startup, naming the bad setting and value.</summary>
internal sealed class KernelOptionsValidation
    : IValidateOptions<EventDeliveryOptions>, IValidateOptions<InProcessTransportOptions>, IValidateOptions<OutboxOptions>, IValidateOptions<RedeliveryOptions>
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    public ValidateOptionsResult Validate(string? name, EventDeliveryOptions options) =>
        new SettingChecks(EventDeliveryOptions.SectionName)
            .Require(options.MaxDeliveryAttempts is >= 1 and <= 100, nameof(options.MaxDeliveryAttempts), options.MaxDeliveryAttempts, "must be between 1 and 100")
            .Require(options.LedgerRetention >= TimeSpan.FromMinutes(1) && options.LedgerRetention >= options.HandlerLease, nameof(options.LedgerRetention), options.LedgerRetention, "must be at least 1 minute and at least HandlerLease")
            .Require(options.HandlerLease >= Second && options.HandlerLease <= TimeSpan.FromDays(1), nameof(options.HandlerLease), options.HandlerLease, "must be between 1 second and 1 day")
            .ToResult();

    public ValidateOptionsResult Validate(string? name, InProcessTransportOptions options) =>
        new SettingChecks(InProcessTransportOptions.SectionName)
            .Require(options.Capacity is >= 1 and <= 1_000_000, nameof(options.Capacity), options.Capacity, "must be between 1 and 1000000")
            .Require(options.MaxConcurrency is >= 1 and <= 64, nameof(options.MaxConcurrency), options.MaxConcurrency, "must be between 1 and 64")
            .ToResult();

    public ValidateOptionsResult Validate(string? name, OutboxOptions options) =>
        new SettingChecks(OutboxOptions.SectionName)
            .Require(options.SweepInterval >= Second && options.SweepInterval <= TimeSpan.FromHours(1), nameof(options.SweepInterval), options.SweepInterval, "must be between 1 second and 1 hour")
            .Require(options.PendingAge >= Second && options.PendingAge <= TimeSpan.FromDays(1), nameof(options.PendingAge), options.PendingAge, "must be between 1 second and 1 day")
            .Require(options.BatchSize is >= 1 and <= 1000, nameof(options.BatchSize), options.BatchSize, "must be between 1 and 1000")
            .ToResult();

    public ValidateOptionsResult Validate(string? name, RedeliveryOptions options)
    {
        var checks = new SettingChecks(setting => $"{RedeliveryOptions.SectionName}:{setting}");
        Check(checks, "Default", options.Default);
        foreach (var (eventName, settings) in options.Events)
        {
            Check(checks, $"Events:{eventName}", settings);
        }

        return checks.ToResult();
    }

    private static void Check(SettingChecks checks, string prefix, RedeliverySettings settings)
    {
        var week = TimeSpan.FromDays(7);
        checks
            .Require(settings.BaseDelay is null || (settings.BaseDelay >= TimeSpan.Zero && settings.BaseDelay <= week), $"{prefix}:BaseDelay", settings.BaseDelay, "must be between 0 and 7 days")
            .Require(settings.MaxDelay is null || (settings.MaxDelay >= TimeSpan.Zero && settings.MaxDelay <= week), $"{prefix}:MaxDelay", settings.MaxDelay, "must be between 0 and 7 days (a queue message hides at most that long)")
            .Require(settings.MaxDeliveryAttempts is null or (>= 1 and <= 100), $"{prefix}:MaxDeliveryAttempts", settings.MaxDeliveryAttempts, "must be between 1 and 100");
    }
}
