using Microsoft.Extensions.Configuration;

namespace ServerlessCqrs.Functions.Tests.Security;

/// <summary>The Functions app will not start with nobody authenticated, unless that is said on purpose.</summary>
public sealed class StartupTests
{
    [Fact]
    public void WithNoAuthenticationConfigured_TheAppRefusesToStart_SayingWhatToSet()
    {
        var failure = Assert.Throws<InvalidOperationException>(() =>
            new ServiceCollection().AddFunctionsApp(new ConfigurationBuilder().Build()));

        Assert.Contains("Authentication:Schemes:Bearer", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Cqrs:Http:AllowAnonymous=true", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Cqrs:Http:AllowAnonymous", "true")]
    [InlineData("WEBSITE_AUTH_ENABLED", "True")]
    [InlineData("Authentication:Schemes:Bearer:Authority", "https://login.microsoftonline.com/t/v2.0")]
    public void AnyOneWayIn_LetsItStart(string key, string value) =>
        new ServiceCollection().AddFunctionsApp(new ConfigurationBuilder().AddInMemoryCollection([KeyValuePair.Create(key, (string?)value)]).Build());
}
