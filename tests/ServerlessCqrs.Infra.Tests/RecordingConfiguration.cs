using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;

namespace ServerlessCqrs.Infra.Tests;

/// <summary>In-memory settings that remember which keys the app looked up.</summary>
internal sealed class RecordingConfiguration : IConfigurationSource
{
    public RecordingConfiguration(IEnumerable<KeyValuePair<string, string?>> settings) => Settings = [.. settings];

    public IReadOnlyList<KeyValuePair<string, string?>> Settings { get; }

    /// <summary>Every key read so far, as the configuration spells it (<c>Cqrs:Store</c>).</summary>
    public ConcurrentDictionary<string, bool> Read { get; } = new(StringComparer.OrdinalIgnoreCase);

    public IConfigurationProvider Build(IConfigurationBuilder builder) => new Provider(this);

    private sealed class Provider(RecordingConfiguration source) : MemoryConfigurationProvider(new MemoryConfigurationSource { InitialData = source.Settings })
    {
        public override bool TryGet(string key, out string? value)
        {
            source.Read[key] = true;
            return base.TryGet(key, out value);
        }
    }
}
