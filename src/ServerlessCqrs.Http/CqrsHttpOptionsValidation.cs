using Microsoft.Extensions.Options;

namespace ServerlessCqrs.Http;

/// <summary>Validates <see cref="CqrsHttpOptions"/> at startup, naming the bad setting.</summary>
internal sealed class CqrsHttpOptionsValidation : IValidateOptions<CqrsHttpOptions>
{
    public ValidateOptionsResult Validate(string? name, CqrsHttpOptions options) =>
        new SettingChecks(CqrsHttpOptions.SectionName)
            .Require(options.MaxRequestBodyBytes is >= 1 and <= 100 * 1024 * 1024, nameof(options.MaxRequestBodyBytes),
                options.MaxRequestBodyBytes, "must be between 1 and 104857600")
            .Require(options.IdempotencyRetention >= TimeSpan.FromMinutes(1), nameof(options.IdempotencyRetention),
                options.IdempotencyRetention, "must be at least 1 minute")
            .Require(options.IdempotencyClaimTimeout >= TimeSpan.FromSeconds(1), nameof(options.IdempotencyClaimTimeout),
                options.IdempotencyClaimTimeout, "must be at least 1 second")
            .ToResult();
}
