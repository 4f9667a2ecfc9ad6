using Microsoft.Extensions.Options;

namespace ServerlessCqrs.Http;

/// <summary>Validates <see cref="CqrsHttpOptions"/> at startup, naming the bad setting.</summary>
internal sealed class CqrsHttpOptionsValidation : IValidateOptions<CqrsHttpOptions>
{
    public ValidateOptionsResult Validate(string? name, CqrsHttpOptions options)
    {
        var failures = new List<string>();
        if (options.MaxRequestBodyBytes is < 1 or > 100 * 1024 * 1024)
        {
            failures.Add($"{CqrsHttpOptions.SectionName}:MaxRequestBodyBytes must be between 1 and 104857600; it is {options.MaxRequestBodyBytes}.");
        }

        if (options.IdempotencyRetention < TimeSpan.FromMinutes(1))
        {
            failures.Add($"{CqrsHttpOptions.SectionName}:IdempotencyRetention must be at least 1 minute; it is {options.IdempotencyRetention}.");
        }

        if (options.IdempotencyClaimTimeout < TimeSpan.FromSeconds(1))
        {
            failures.Add($"{CqrsHttpOptions.SectionName}:IdempotencyClaimTimeout must be at least 1 second; it is {options.IdempotencyClaimTimeout}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
