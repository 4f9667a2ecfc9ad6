using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using ServerlessCqrs.Caching;
using ServerlessCqrs.Core.Tests.Fixtures;
using ServerlessCqrs.Security;

namespace ServerlessCqrs.Core.Tests.Security;

/// <summary>The authorization stage: attributes on message types, the default policy, and its place before the cache.</summary>
public sealed class AuthorizationStageTests
{
    private static readonly MessageCaller Clerk = User("clerk-1", "Clerk");
    private static readonly MessageCaller Visitor = User("visitor-1");

    [Fact]
    public async Task ARoleRequirement_LetsHoldersThrough_RefusesOthers_AndAsksAnAnonymousCallerToAuthenticate()
    {
        using var services = Kernel();
        var probe = services.GetRequiredService<Probe>();

        Assert.True((await SendAs(services, Clerk, new Stamp())).IsSuccess);
        Assert.Equal(ErrorKind.Forbidden, (await SendAs(services, Visitor, new Stamp())).Error!.Kind);
        Assert.Equal(ErrorKind.Unauthenticated, (await SendAs(services, MessageCaller.Anonymous, new Stamp())).Error!.Kind);
        Assert.Equal(1, probe.CountOf(nameof(Stamp)));
    }

    [Fact]
    public async Task APolicy_SeesTheMessageAsItsResource()
    {
        using var services = Kernel();

        Assert.True((await SendAs(services, Visitor, new Transfer(4))).IsSuccess);
        Assert.Equal(ErrorKind.Forbidden, (await SendAs(services, Visitor, new Transfer(3))).Error!.Kind);
    }

    [Fact]
    public async Task WithoutADefaultPolicy_UndeclaredMessagesAreOpen_WithOneTheyNeedACaller_AllowAnonymousIsAlwaysOpen()
    {
        using var open = Kernel();
        using var closed = Kernel(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

        Assert.True((await SendAs(open, MessageCaller.Anonymous, new Note())).IsSuccess);
        Assert.Equal(ErrorKind.Unauthenticated, (await SendAs(closed, MessageCaller.Anonymous, new Note())).Error!.Kind);
        Assert.True((await SendAs(closed, Visitor, new Note())).IsSuccess);
        Assert.True((await SendAs(closed, MessageCaller.Anonymous, new Hello())).IsSuccess);
    }

    [Fact]
    public async Task ACachedAnswer_IsNeverServedToACallerTheStageRefuses()
    {
        using var services = Kernel();
        var probe = services.GetRequiredService<Probe>();

        Assert.Equal(7, (await QueryAs(services, Clerk, new Ledger())).Value);
        Assert.Equal(7, (await QueryAs(services, Clerk, new Ledger())).Value);
        Assert.Equal(ErrorKind.Forbidden, (await QueryAs(services, Visitor, new Ledger())).Error!.Kind);
        Assert.Equal(1, probe.CountOf(nameof(Ledger)));
    }

    [Fact]
    public void WhatATypeDeclares_IsReadOnce_WithEveryRoleAndPolicyItNames()
    {
        var ledger = MessageAuthorizationData.Of<Ledger>();

        Assert.Same(ledger, MessageAuthorizationData.Of<Ledger>());
        Assert.Equal(["Clerk", "Auditor"], MessageAuthorizationData.Of<Audit>().Roles);
        Assert.Equal(["EvenAmount"], MessageAuthorizationData.Of<Transfer>().Policies);
        Assert.True(MessageAuthorizationData.Of<Hello>().AllowAnonymous);
        Assert.Empty(MessageAuthorizationData.Of<Note>().Authorize);
    }

    private static ServiceProvider Kernel(AuthorizationPolicy? defaultPolicy = null) => TestKernel.Build(cqrs =>
    {
        cqrs.AddHandler<StampHandler>().AddHandler<TransferHandler>().AddHandler<NoteHandler>().AddHandler<HelloHandler>().AddHandler<LedgerHandler>();
        cqrs.Services.AddAuthorizationCore(o => o.AddPolicy("EvenAmount", p => p.RequireAssertion(c => c.Resource is Transfer { Amount: var a } && a % 2 == 0)));
        cqrs.Services.Configure<MessageAuthorizationOptions>(o => o.DefaultPolicy = defaultPolicy);
    });

    private static async Task<Result> SendAs(IServiceProvider services, MessageCaller caller, ICommand command)
    {
        using var _ = MessageCaller.Use(caller);
        return await services.Bus().SendAsync(command);
    }

    private static async Task<Result<object?>> SendAs(IServiceProvider services, MessageCaller caller, object message)
    {
        using var _ = MessageCaller.Use(caller);
        return await services.Bus().DispatchAsync(message);
    }

    private static async Task<Result<int>> QueryAs(IServiceProvider services, MessageCaller caller, Ledger query)
    {
        using var _ = MessageCaller.Use(caller);
        return await services.Bus().QueryAsync(query);
    }

    private static MessageCaller User(string id, params string[] roles) => MessageCaller.ForUser(
        new ClaimsPrincipal(new ClaimsIdentity([new("sub", id), .. roles.Select(r => new Claim("roles", r))], "test", "name", "roles")), "t1", id);
}

[Authorize(Roles = "Clerk")]
public sealed record Stamp : ICommand;

[Authorize(Roles = "Clerk, Auditor")]
public sealed record Audit : ICommand;

[Authorize(Policy = "EvenAmount")]
public sealed record Transfer(int Amount) : ICommand;

public sealed record Note : ICommand;

[AllowAnonymous]
public sealed record Hello : IQuery<string>;

[Authorize(Roles = "Clerk"), QueryCache(60)]
public sealed record Ledger : IQuery<int>;

public sealed class StampHandler(Probe probe) : ICommandHandler<Stamp>
{
    public ValueTask<Result> HandleAsync(Stamp command, CancellationToken cancellationToken)
    {
        probe.Hit(nameof(Stamp));
        return ValueTask.FromResult(Result.Success);
    }
}

public sealed class TransferHandler : ICommandHandler<Transfer>
{
    public ValueTask<Result> HandleAsync(Transfer command, CancellationToken cancellationToken) => ValueTask.FromResult(Result.Success);
}

public sealed class NoteHandler : ICommandHandler<Note>
{
    public ValueTask<Result> HandleAsync(Note command, CancellationToken cancellationToken) => ValueTask.FromResult(Result.Success);
}

public sealed class HelloHandler : IQueryHandler<Hello, string>
{
    public ValueTask<Result<string>> HandleAsync(Hello query, CancellationToken cancellationToken) => ValueTask.FromResult(Result<string>.Success("hi"));
}

public sealed class LedgerHandler(Probe probe) : IQueryHandler<Ledger, int>
{
    public ValueTask<Result<int>> HandleAsync(Ledger query, CancellationToken cancellationToken)
    {
        probe.Hit(nameof(Ledger));
        return ValueTask.FromResult(Result<int>.Success(7));
    }
}
