using ServerlessCqrs.Core.Tests.Fixtures;

namespace ServerlessCqrs.Core.Tests;

public sealed class MessageBusTests
{
    [Fact]
    public async Task SendAsync_CommandWithResult_ReturnsTheHandlersValue()
    {
        using var services = TestKernel.Build(TestKernel.AllHandlers);

        var result = await services.Bus().SendAsync(new Ping { Text = "hi" });

        Assert.Equal("pong:hi", result.Value);
    }

    [Fact]
    public async Task SendAsync_VoidCommand_PassesExpectedFailuresThrough()
    {
        using var services = TestKernel.Build(TestKernel.AllHandlers);
        var bus = services.Bus();

        Assert.True((await bus.SendAsync(new Touch())).IsSuccess);
        Assert.Equal("thing_not_found", (await bus.SendAsync(new Touch { Id = "missing" })).Error?.Code);
    }

    [Theory]
    [InlineData(ServiceLifetime.Scoped, false, 2)]
    [InlineData(ServiceLifetime.Singleton, false, 1)]
    [InlineData(ServiceLifetime.Singleton, true, 2)] // the application's own later registration wins
    [InlineData(ServiceLifetime.Transient, false, 4)]
    public async Task Handlers_LiveAsLongAsTheirRegistrationSays(ServiceLifetime lifetime, bool reRegisterScoped, int instances)
    {
        using var services = TestKernel.Build(
            b =>
            {
                b.AddHandler<WhoHandlesHandler>();
                if (reRegisterScoped)
                {
                    b.Services.AddScoped<WhoHandlesHandler>();
                }
            },
            o => o.HandlerLifetime = lifetime);
        var seen = new HashSet<Guid>();

        foreach (var _ in Enumerable.Range(0, 2))
        {
            using var scope = services.CreateScope();
            var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
            seen.Add((await bus.SendAsync(new WhoHandles())).Value);
            seen.Add((await bus.SendAsync(new WhoHandles())).Value);
        }

        Assert.Equal(instances, seen.Count);
    }

    [Fact]
    public async Task QueryAsync_ReturnsTheHandlersValue()
    {
        using var services = TestKernel.Build(TestKernel.AllHandlers);

        var result = await services.Bus().QueryAsync(new CountThings { Of = 4 });

        Assert.Equal(8, result.Value);
    }

    [Fact]
    public async Task DispatchAsync_BoxesValuesAndReturnsNullForVoidCommands()
    {
        using var services = TestKernel.Build(TestKernel.AllHandlers);
        var bus = services.Bus();

        Assert.Equal("pong:x", (await bus.DispatchAsync(new Ping { Text = "x" })).Value);
        Assert.Equal(6, (await bus.DispatchAsync(new CountThings { Of = 3 })).Value);
        Assert.Null((await bus.DispatchAsync(new Touch())).Value);
        Assert.Equal("thing_not_found", (await bus.DispatchAsync(new Touch { Id = "missing" })).Error?.Code);
    }

    [Fact]
    public async Task DispatchAsync_OfAnEvent_SaysToPublishIt()
    {
        using var services = TestKernel.Build(TestKernel.AllHandlers);

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(
            async () => await services.Bus().DispatchAsync(new SomethingHappened { OccurredAt = DateTimeOffset.UnixEpoch }));

        Assert.Contains("IEventPublisher", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_OfAnUnregisteredCommand_Throws()
    {
        using var services = TestKernel.Build(b => b.AddHandler<PingHandler>());

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await services.Bus().SendAsync(new Touch()));
    }
}

/// <summary>Answers with the identity of the handler instance that ran.</summary>
public sealed record WhoHandles : ICommand<Guid>;

public sealed class WhoHandlesHandler : ICommandHandler<WhoHandles, Guid>
{
    private readonly Guid _instance = Guid.NewGuid();

    public ValueTask<Result<Guid>> HandleAsync(WhoHandles command, CancellationToken cancellationToken) =>
        ValueTask.FromResult<Result<Guid>>(_instance);
}
