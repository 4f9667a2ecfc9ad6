using System.Collections.Immutable;
using Microsoft.Azure.Functions.Worker;

namespace ServerlessCqrs.Functions.Tests;

/// <summary>A function invocation without a Functions host (the worker ships no test host).</summary>
internal sealed class FakeFunctionContext(string functionName, string triggerType, IServiceProvider services) : FunctionContext
{
    public override string InvocationId { get; } = Guid.NewGuid().ToString();

    public override string FunctionId { get; } = "id-" + functionName + "-" + triggerType;

    public override TraceContext TraceContext { get; } = new FakeTraceContext();

    public override BindingContext BindingContext => throw new NotSupportedException();

    public override RetryContext RetryContext => throw new NotSupportedException();

    public override IServiceProvider InstanceServices { get; set; } = services;

    public override FunctionDefinition FunctionDefinition { get; } = new FakeFunctionDefinition(functionName, triggerType);

    public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();

    public override IInvocationFeatures Features => throw new NotSupportedException();

    public override CancellationToken CancellationToken => CancellationToken.None;

    public FakeTraceContext Trace => (FakeTraceContext)TraceContext;
}

internal sealed class FakeTraceContext : TraceContext
{
    public override string TraceParent => Parent ?? "";

    public override string TraceState => "";

    public string? Parent { get; set; }
}

internal sealed class FakeFunctionDefinition(string name, string triggerType) : FunctionDefinition
{
    public override ImmutableArray<FunctionParameter> Parameters => [];

    public override string PathToAssembly => typeof(FakeFunctionDefinition).Assembly.Location;

    public override string EntryPoint => name;

    public override string Id => name;

    public override string Name => name;

    public override IImmutableDictionary<string, BindingMetadata> InputBindings { get; } =
        ImmutableDictionary<string, BindingMetadata>.Empty.Add("trigger", new FakeBindingMetadata("trigger", triggerType, BindingDirection.In));

    public override IImmutableDictionary<string, BindingMetadata> OutputBindings => ImmutableDictionary<string, BindingMetadata>.Empty;
}

internal sealed class FakeBindingMetadata(string name, string type, BindingDirection direction) : BindingMetadata
{
    public override string Name => name;

    public override string Type => type;

    public override BindingDirection Direction => direction;
}
