using Microsoft.Extensions.Options;

namespace ServerlessCqrs.IntegrationTests;

public sealed class HttpSettingsTests
{
    [Theory]
    [InlineData("Cqrs:Http:MaxRequestBodyBytes", "0", "Cqrs:Http:MaxRequestBodyBytes must be between 1 and 104857600; it is 0.")]
    [InlineData("Cqrs:Http:IdempotencyRetention", "00:00:10", "Cqrs:Http:IdempotencyRetention must be at least 1 minute; it is 00:00:10.")]
    public void BadHttpSetting_StopsTheLocalHostNamingIt(string key, string value, string message)
    {
        using var factory = new LocalHostFactory().WithWebHostBuilder(b => b.UseSetting(key, value));

        var exception = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains(message, exception.Message, StringComparison.Ordinal);
    }
}
