using Microsoft.Extensions.Options;
using ServerlessCqrs.Core.Tests.Fixtures;
using ServerlessCqrs.Events;
using ServerlessCqrs.Events.InProcess;
using ServerlessCqrs.Outbox;
using ServerlessCqrs.Resilience;

namespace ServerlessCqrs.Core.Tests;

/// <summary>Bad settings stop the host at startup with a message that names the setting.</summary>
public sealed class SettingsValidationTests
{
    [Theory]
    [InlineData("Cqrs:Events:MaxDeliveryAttempts", "0", "Cqrs:Events:MaxDeliveryAttempts must be between 1 and 100; it is 0.")]
    [InlineData("Cqrs:Events:InProcess:MaxConcurrency", "100", "Cqrs:Events:InProcess:MaxConcurrency must be between 1 and 64; it is 100.")]
    [InlineData("Cqrs:Events:InProcess:Capacity", "0", "Cqrs:Events:InProcess:Capacity must be between 1 and 1000000")]
    [InlineData("Cqrs:Outbox:BatchSize", "0", "Cqrs:Outbox:BatchSize must be between 1 and 1000; it is 0.")]
    [InlineData("Cqrs:Outbox:SweepInterval", "00:00:00.1", "Cqrs:Outbox:SweepInterval must be between 1 second and 1 hour")]
    [InlineData("Cqrs:Resilience:Messages:Ping:MaxRetryAttempts", "11", "Cqrs:Resilience:Messages:Ping:MaxRetryAttempts must be between 0 and 10; it is 11.")]
    public async Task BadSetting_StopsTheHostNamingIt(string key, string value, string message)
    {
        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            TestKernel.StartHostAsync(TestKernel.AllHandlers, new Dictionary<string, string?> { [key] = value }));

        Assert.Contains(message, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingHandler_StopsTheHost()
    {
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => TestKernel.StartHostAsync(b => b.AddMessage<Ping>()));

        Assert.Contains("has no handler", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_AreValid()
    {
        Assert.True(new EventDeliveryOptionsValidator().Validate(null, new EventDeliveryOptions()).Succeeded);
        Assert.True(new InProcessTransportOptionsValidator().Validate(null, new InProcessTransportOptions()).Succeeded);
        Assert.True(new OutboxOptionsValidator().Validate(null, new OutboxOptions()).Succeeded);
        Assert.True(new RedeliveryOptionsValidator().Validate(null, new RedeliveryOptions()).Succeeded);
        Assert.True(new MessageResilienceOptionsValidator().Validate("Any", new MessageResilienceOptions()).Succeeded);
    }

    [Fact]
    public async Task ValidHost_Starts()
    {
        using var host = await TestKernel.StartHostAsync(TestKernel.AllHandlers);
        await host.StopAsync();
    }
}
