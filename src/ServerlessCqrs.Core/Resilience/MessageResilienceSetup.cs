using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ServerlessCqrs.Resilience;

/// <summary>
/// Binds the named options of a message (the name is the message name) from the <c>Default</c>
/// section and then the message's own section, and records which of the two each setting came from.
/// </summary>
internal sealed class MessageResilienceSetup(IConfiguration? configuration = null) : IConfigureNamedOptions<MessageResilienceOptions>
{
    public void Configure(MessageResilienceOptions options) => Configure(Options.DefaultName, options);

    public void Configure(string? name, MessageResilienceOptions options)
    {
        configuration?.GetSection($"{MessageResilienceOptions.SectionName}:Default").Bind(options);
        if (string.IsNullOrEmpty(name))
        {
            return;
        }

        var own = $"{MessageResilienceOptions.SectionName}:Messages:{name}";
        configuration?.GetSection(own).Bind(options);
        options.Keys = property => configuration?[$"{own}:{property}"] is not null
            ? $"{own}:{property}"
            : $"{MessageResilienceOptions.SectionName}:Default:{property}";
    }
}
