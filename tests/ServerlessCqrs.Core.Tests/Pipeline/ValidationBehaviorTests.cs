using System.ComponentModel.DataAnnotations;
using ServerlessCqrs.Core.Tests.Fixtures;

namespace ServerlessCqrs.Core.Tests.Pipeline;

public sealed class ValidationBehaviorTests
{
    [Fact]
    public async Task InvalidMessage_ReportsEveryFieldByJsonPath()
    {
        using var services = TestKernel.Build(b => b.AddHandler<PlaceHandler>());

        var result = await services.Bus().SendAsync(new Place
        {
            Name = "",
            Items = [new Item { Sku = "ok", Quantity = 1 }, new Item { Sku = "", Quantity = 0 }],
            Nested = new Item { Sku = "n", Quantity = 99 },
        });

        var fields = result.Error!.Fields;
        Assert.Equal(["The name field is required."], fields["name"]);
        Assert.Equal(["The sku field is required."], fields["items[1].sku"]);
        Assert.Equal(["The field quantity must be between 1 and 10."], fields["items[1].quantity"]);
        Assert.True(fields.ContainsKey("nested.quantity"));
        Assert.False(fields.ContainsKey("items[0].sku"));
        Assert.Equal(0, services.GetRequiredService<Probe>().CountOf(nameof(Place)));
    }

    [Fact]
    public async Task ObjectRules_RunOnceFieldsAreValid_AndMapMemberNames()
    {
        using var services = TestKernel.Build(b => b.AddHandler<PlaceHandler>());

        var result = await services.Bus().SendAsync(new Place { Name = "forbidden", Items = [] });

        Assert.Equal(["That name is taken."], result.Error!.Fields["name"]);
        Assert.Equal(["A place needs items or a nested item."], result.Error!.Fields["$"]);
    }

    [Fact]
    public async Task ValidMessage_ReachesTheHandler()
    {
        using var services = TestKernel.Build(b => b.AddHandler<PlaceHandler>());

        var result = await services.Bus().SendAsync(new Place { Name = "home", Items = [new Item { Sku = "a", Quantity = 2 }] });

        Assert.True(result.IsSuccess);
        Assert.Equal(1, services.GetRequiredService<Probe>().CountOf(nameof(Place)));
    }

    [Fact]
    public async Task MessageWithoutRules_IsNotValidated()
    {
        using var services = TestKernel.Build(TestKernel.AllHandlers);

        Assert.True((await services.Bus().SendAsync(new Touch { Id = "" })).IsSuccess);
    }

    [Fact]
    public async Task ContextAttribute_OnAValidField_PassesIt_AndObjectRulesStillRun()
    {
        using var services = TestKernel.Build(b => b.AddHandler<SignUpHandler>());

        var valid = await services.Bus().SendAsync(new SignUp { Password = "p4ss", Repeated = "p4ss" });
        var mismatched = await services.Bus().SendAsync(new SignUp { Password = "p4ss", Repeated = "pass" });
        var ruleBroken = await services.Bus().SendAsync(new SignUp { Password = "admin", Repeated = "admin" });

        Assert.True(valid.IsSuccess);
        Assert.Equal(["repeated"], mismatched.Error!.Fields.Keys);
        Assert.Equal(["That password is not allowed."], ruleBroken.Error!.Fields["password"]);
    }

    [Fact]
    public async Task AMessageAsDeepAsJsonAllows_IsValidated_NotAFault()
    {
        using var services = TestKernel.Build(b => b.AddHandler<ChainHandler>());
        var json = string.Concat(Enumerable.Repeat("""{"label":"x","next":""", 40)) + """{"label":""}""" + new string('}', 40);
        var registry = services.GetRequiredService<ServerlessCqrs.Registry.MessageRegistry>();
        var chain = (Chain)System.Text.Json.JsonSerializer.Deserialize(json, registry.GetByType(typeof(Chain)).JsonTypeInfo)!;

        var result = await services.Bus().SendAsync(chain);

        var (path, errors) = Assert.Single(result.Error!.Fields);
        Assert.Equal(string.Concat(Enumerable.Repeat("next.", 40)) + "label", path);
        Assert.Equal(["The label field is required."], errors);
    }

    [Fact]
    public async Task ANestedRuleWithoutMembers_IsReportedUnderTheRoot()
    {
        using var services = TestKernel.Build(b => b.AddHandler<WrapperHandler>());

        var result = await services.Bus().SendAsync(new Wrapper { Inner = new WrappedRule() });

        Assert.Equal(["The wrapped rule fails."], result.Error!.Fields["$"]);
    }

    public sealed record Wrapper : ICommand
    {
        public WrappedRule? Inner { get; init; }
    }

    public sealed record WrappedRule : IValidatableObject
    {
        public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) => [new ValidationResult("The wrapped rule fails.")];
    }

    public sealed class WrapperHandler : ICommandHandler<Wrapper>
    {
        public ValueTask<Result> HandleAsync(Wrapper command, CancellationToken cancellationToken) => default;
    }

    public sealed record Chain : ICommand
    {
        public Chain? Next { get; init; }

        [Required]
        public string? Label { get; init; }
    }

    public sealed class ChainHandler : ICommandHandler<Chain>
    {
        public ValueTask<Result> HandleAsync(Chain command, CancellationToken cancellationToken) => default;
    }

    public sealed record SignUp : ICommand, IValidatableObject
    {
        [Required]
        public string Password { get; init; } = "";

        [Compare(nameof(Password))]
        public string Repeated { get; init; } = "";

        public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
        {
            if (Password == "admin")
            {
                yield return new ValidationResult("That password is not allowed.", [nameof(Password)]);
            }
        }
    }

    public sealed class SignUpHandler : ICommandHandler<SignUp>
    {
        public ValueTask<Result> HandleAsync(SignUp command, CancellationToken cancellationToken) => default;
    }

    public sealed record Item
    {
        [Required]
        public string Sku { get; init; } = "";

        [Range(1, 10)]
        public int Quantity { get; init; }
    }

    public sealed record Place : ICommand, IValidatableObject
    {
        [Required]
        public string Name { get; init; } = "";

        public IReadOnlyList<Item> Items { get; init; } = [];

        public Item? Nested { get; init; }

        public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
        {
            if (Name == "forbidden")
            {
                yield return new ValidationResult("That name is taken.", [nameof(Name)]);
            }

            if (Items.Count == 0 && Nested is null)
            {
                yield return new ValidationResult("A place needs items or a nested item.");
            }
        }
    }

    public sealed class PlaceHandler(Probe probe) : ICommandHandler<Place>
    {
        public ValueTask<Result> HandleAsync(Place command, CancellationToken cancellationToken)
        {
            probe.Hit(nameof(Place));
            return default;
        }
    }
}
