using Microsoft.Extensions.Configuration;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The stores and transports an application can choose by setting (<see cref="CqrsBuilder.StoreKey"/>,
/// <see cref="CqrsBuilder.TransportKey"/>), each registered by name with what choosing it registers.
/// </summary>
internal sealed class AdapterCatalog
{
    private readonly List<(string Name, Action<CqrsBuilder, IConfiguration> Use)> _stores = [("InMemory", (_, _) => { })];
    private readonly List<(string Name, Action<CqrsBuilder, IConfiguration> Use)> _transports = [("InProcess", (_, _) => { })];
    private bool _applied;

    public void AddStore(string name, Action<CqrsBuilder, IConfiguration> use) => Add(_stores, name, use);

    public void AddTransport(string name, Action<CqrsBuilder, IConfiguration> use) => Add(_transports, name, use);

    /// <summary>Registers the store and transport the configuration names, once.</summary>
    public void Apply(CqrsBuilder builder, IConfiguration configuration)
    {
        if (_applied)
        {
            return;
        }

        var store = Find(_stores, configuration, CqrsBuilder.StoreKey);
        var transport = Find(_transports, configuration, CqrsBuilder.TransportKey);
        _applied = true;
        store(builder, configuration);
        transport(builder, configuration);
    }

    private static void Add(List<(string Name, Action<CqrsBuilder, IConfiguration> Use)> adapters, string name, Action<CqrsBuilder, IConfiguration> use)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(use);
        if (!adapters.Exists(a => a.Name.Equals(name, StringComparison.OrdinalIgnoreCase)))
        {
            adapters.Add((name, use));
        }
    }

    private static Action<CqrsBuilder, IConfiguration> Find(
        List<(string Name, Action<CqrsBuilder, IConfiguration> Use)> adapters, IConfiguration configuration, string key)
    {
        var value = configuration[key];
        var name = string.IsNullOrWhiteSpace(value) ? adapters[0].Name : value.Trim();
        return adapters.Find(a => a.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Use
            ?? throw new InvalidOperationException($"{key} must be one of {string.Join(", ", adapters.Select(a => a.Name))}; it is {value}.");
    }
}
