using Microsoft.Extensions.Validation;
using ServerlessCqrs.Registry;

namespace ServerlessCqrs.Pipeline.Validation;

/// <summary>The kernel's Microsoft.Extensions.Validation options: message types described from the registry's JSON contracts.</summary>
internal sealed class MessageValidation
{
    /// <summary>System.Text.Json's default: deeper input is refused while it is read (a 400), before validation.</summary>
    private const int JsonDefaultMaxDepth = 64;

    public MessageValidation(MessageRegistry registry)
    {
        var contracts = registry.SerializerOptions;
        Options.Resolvers.Add(new ContractValidatableInfoResolver(contracts));

        // The library throws past its depth (32 by default): allow as deep as any message the JSON reader accepts.
        Options.MaxDepth = contracts.MaxDepth > 0 ? contracts.MaxDepth : JsonDefaultMaxDepth;
    }

    public ValidationOptions Options { get; } = new();
}
