using ServerlessCqrs.Core.Tests.Fixtures;
using ServerlessCqrs.Registry;

namespace ServerlessCqrs.Core.Tests.Registry;

public sealed class MessageRegistryTests
{
    [Fact]
    public void Registry_DescribesEveryMessage()
    {
        using var services = TestKernel.Build(TestKernel.AllHandlers);
        var registry = services.GetRequiredService<MessageRegistry>();

        Assert.True(registry.TryGetByName("PING", out var ping));
        Assert.Equal(MessageKind.Command, ping.Kind);
        Assert.Equal(typeof(string), ping.ResultType);
        Assert.Equal(["PingHandler"], ping.HandlerNames);

        Assert.True(registry.TryGetByName("count-things", out var count));
        Assert.Equal(MessageKind.Query, count.Kind);

        var happened = registry.GetByType(typeof(SomethingHappened));
        Assert.Equal(2, happened.Version);
        Assert.Equal(["FirstReaction", "SecondReaction"], happened.HandlerNames);
        Assert.Empty(registry.GetByType(typeof(NobodyCares)).HandlerNames);

        Assert.Equal(
            [MessageKind.Command, MessageKind.Command, MessageKind.Query, MessageKind.Event, MessageKind.Event],
            registry.Messages.Select(m => m.Kind));
    }

    [Fact]
    public void DuplicateName_FailsAtRegistration_NamingBothTypes()
    {
        var exception = Assert.Throws<InvalidOperationException>(() =>
            TestKernel.Build(b => b.AddMessage<Duplicates.First>().AddMessage<Duplicates.Second>()));

        Assert.Contains("'Twin'", exception.Message, StringComparison.Ordinal);
        Assert.Contains(typeof(Duplicates.First).FullName!, exception.Message, StringComparison.Ordinal);
        Assert.Contains(typeof(Duplicates.Second).FullName!, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateName_DifferingOnlyInCase_Fails() =>
        Assert.Throws<InvalidOperationException>(() =>
            TestKernel.Build(b => b.AddMessage<Duplicates.First>().AddMessage<Duplicates.Lowercase>()));

    [Fact]
    public void CommandWithoutHandler_FailsWhenTheRegistryIsBuilt()
    {
        using var services = TestKernel.Build(b => b.AddMessage<Ping>().AddMessage<Touch>());

        var exception = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<MessageRegistry>());

        Assert.Contains("Command Ping", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Command Touch", exception.Message, StringComparison.Ordinal);
        Assert.Contains("has no handler", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CommandWithTwoHandlers_Fails()
    {
        using var services = TestKernel.Build(b => b.AddHandler<PingHandler>().AddHandler<Duplicates.OtherPingHandler>());

        var exception = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<MessageRegistry>());

        Assert.Contains("has 2 handlers", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EventHandlersWithTheSameName_Fail()
    {
        using var services = TestKernel.Build(b => b.AddHandler<FirstReaction>().AddHandler<Duplicates.FirstReaction>());

        var exception = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<MessageRegistry>());

        Assert.Contains("several handlers named FirstReaction", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(typeof(Duplicates.TwoContractsHandler), "more than one message contract")]
    [InlineData(typeof(Duplicates.BadNameHandler), "must be ASCII letters")]
    [InlineData(typeof(Duplicates.VersionZeroHandler), "versions start at 1")]
    public void HandlerOfAnInvalidMessageType_IsRejected(Type handlerType, string reason)
    {
        var exception = Assert.Throws<InvalidOperationException>(() => TestKernel.Build(b => b.AddHandler(handlerType)));

        Assert.Contains(reason, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddHandler_OfANonHandler_Throws() =>
        Assert.Throws<ArgumentException>(() => TestKernel.Build(b => b.AddHandler<string>()));

    [Fact]
    public void GetByType_OfAnUnregisteredType_SaysHowToRegisterIt()
    {
        using var services = TestKernel.Build(b => b.AddHandler<PingHandler>());
        var registry = services.GetRequiredService<MessageRegistry>();

        var exception = Assert.Throws<InvalidOperationException>(() => registry.GetByType(typeof(Touch)));

        Assert.Contains("AddHandler<T>()", exception.Message, StringComparison.Ordinal);
        Assert.False(registry.TryGetByType(typeof(Touch), out _));
    }

    [Fact]
    public void AddServerlessCqrs_CalledTwice_SharesOneCatalog()
    {
        var services = new ServiceCollection();
        services.AddSingleton<Probe>();
        services.AddLogging();
        services.AddServerlessCqrs().AddHandler<PingHandler>();
        services.AddServerlessCqrs().AddHandler<TouchHandler>();
        using var provider = services.BuildServiceProvider();

        var registry = provider.GetRequiredService<MessageRegistry>();

        Assert.True(registry.TryGetByName("Ping", out _));
        Assert.True(registry.TryGetByName("Touch", out _));
        Assert.Single(services, d => d.ServiceType == typeof(MessageRegistry));
    }
}

/// <summary>Types that break the registration rules on purpose.</summary>
public static class Duplicates
{
    [MessageName("Twin")]
    public sealed record First : ICommand;

    [MessageName("Twin")]
    public sealed record Second : ICommand;

    [MessageName("twin")]
    public sealed record Lowercase : ICommand;

    public sealed class OtherPingHandler : ICommandHandler<Ping, string>
    {
        public ValueTask<Result<string>> HandleAsync(Ping command, CancellationToken cancellationToken) => new("other");
    }

    public sealed class FirstReaction : IEventHandler<SomethingHappened>
    {
        public ValueTask HandleAsync(SomethingHappened @event, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }

    public sealed record TwoContracts : ICommand, IQuery<int>;

    [MessageName("has space")]
    public sealed record BadName : ICommand;

    [EventVersion(0)]
    public sealed record VersionZero : Event;

    public sealed class TwoContractsHandler : ICommandHandler<TwoContracts>
    {
        public ValueTask<Result> HandleAsync(TwoContracts command, CancellationToken cancellationToken) => default;
    }

    public sealed class BadNameHandler : ICommandHandler<BadName>
    {
        public ValueTask<Result> HandleAsync(BadName command, CancellationToken cancellationToken) => default;
    }

    public sealed class VersionZeroHandler : IEventHandler<VersionZero>
    {
        public ValueTask HandleAsync(VersionZero @event, CancellationToken cancellationToken) => default;
    }
}
