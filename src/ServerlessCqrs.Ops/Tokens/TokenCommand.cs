using System.CommandLine;
using ServerlessCqrs.Ops.Cli;
using ServerlessCqrs.Security;

namespace ServerlessCqrs.Ops.Tokens;

/// <summary><c>token --sub alice --tenant t1 [--role Orders.Admin] [--expires 1h]</c>: prints a development bearer token.</summary>
internal static class TokenCommand
{
    public static Command Create(OpsContext context)
    {
        var subject = new Option<string>("--sub") { Description = "The user id (sub claim).", Required = true };
        var tenant = new Option<string?>("--tenant") { Description = "The tenant id (tid claim); left out, the caller is in the default tenant." };
        tenant.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } value && !TenantIds.IsValid(value))
            {
                result.AddError($"--tenant must be 1 to {TenantIds.MaxLength} letters, digits, '-', '_' or '.'.");
            }
        });
        var roles = new Option<string[]>("--role") { Description = "A role (roles claim); repeat for more.", AllowMultipleArgumentsPerToken = false };
        var expires = new Option<TimeSpan>("--expires")
        {
            Description = "How long the token is valid, for example 30m or 8h (default 1h).",
            DefaultValueFactory = _ => TimeSpan.FromHours(1),
            CustomParser = result => Durations.Parse(result),
        };
        var command = new Command("token",
            "Prints a bearer token signed with the development key of Authentication__Schemes__Bearer (ValidIssuer, ValidAudiences, SigningKeys), " +
            "as dotnet user-jwts does. Anyone holding that key can sign as anyone: never configure it in production.")
        {
            subject, tenant, roles, expires,
        };
        command.SetWork(context, async (parse, cancellationToken) =>
        {
            var request = new DevelopmentTokens.Request(parse.GetValue(subject)!, parse.GetValue(tenant), parse.GetValue(roles) ?? [], parse.GetValue(expires));
            await context.Output.WriteLineAsync(DevelopmentTokens.Issue(context.Configuration, request, context.Time.GetUtcNow()).AsMemory(), cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }
}
