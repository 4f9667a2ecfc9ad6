using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ServerlessCqrs.Registry;

namespace ServerlessCqrs.Testing;

/// <summary>
/// Given what already happened, when a command is sent, then these events are published — or it fails with this
/// code. Events compare by type and content; the ids and times every <see cref="Event"/> gets are left out.
/// </summary>
/// <example>
/// <code>
/// await kit.Given(new CreateOrder { ... }).When(new ConfirmOrder { OrderId = id }).ThenAsync(new OrderConfirmed { ... });
/// await kit.Given(...).When(new CancelOrder { ... }).ThenFailsAsync("order_confirmed");
/// </code>
/// </example>
public sealed class Scenario
{
    private readonly CqrsTestKit _kit;
    private readonly IReadOnlyList<object> _history;
    private object? _command;

    internal Scenario(CqrsTestKit kit, IReadOnlyList<object> history)
    {
        _kit = kit;
        _history = history;
    }

    /// <summary>The command under test.</summary>
    public Scenario When(object command)
    {
        ArgumentNullException.ThrowIfNull(command);
        _command = command;
        return this;
    }

    /// <summary>Runs the scenario; the command succeeds and publishes exactly <paramref name="expected"/>, in order.</summary>
    /// <exception cref="ScenarioFailedException">It failed, or published other events.</exception>
    public async Task ThenAsync(params IEvent[] expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var (result, published) = await RunAsync().ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            throw new ScenarioFailedException($"{Name(_command!)} failed with {result.Error!.Code} ({result.Error.Message}); expected it to publish {Describe(expected)}.");
        }

        var json = _kit.Services.GetRequiredService<MessageRegistry>().SerializerOptions;
        if (expected.Length != published.Count
            || !expected.Zip(published).All(pair => pair.First.GetType() == pair.Second.GetType() && JsonNode.DeepEquals(Content(pair.First, json), Content(pair.Second, json))))
        {
            throw new ScenarioFailedException($"{Name(_command!)} published {Describe(published, json)}; expected {Describe(expected, json)}.");
        }
    }

    /// <summary>Runs the scenario; the command fails with the error <paramref name="code"/>.</summary>
    /// <exception cref="ScenarioFailedException">It succeeded, or failed otherwise.</exception>
    public async Task ThenFailsAsync(string code)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        var (result, _) = await RunAsync().ConfigureAwait(false);
        if (result.Error?.Code != code)
        {
            throw new ScenarioFailedException(result.Error is null
                ? $"{Name(_command!)} succeeded; expected it to fail with {code}."
                : $"{Name(_command!)} failed with {result.Error.Code} ({result.Error.Message}); expected {code}.");
        }
    }

    private async Task<(Result<object?> Result, IReadOnlyList<IEvent> Published)> RunAsync()
    {
        if (_command is null)
        {
            throw new InvalidOperationException("Say what is sent with When(command) before Then.");
        }

        foreach (var step in _history)
        {
            if (step is IEvent @event)
            {
                await _kit.PublishAsync(@event).ConfigureAwait(false);
            }
            else if ((await _kit.DispatchAsync(step).ConfigureAwait(false)).Error is { } error)
            {
                throw new ScenarioFailedException($"Given {Name(step)} failed with {error.Code} ({error.Message}).");
            }
        }

        var before = _kit.Mark().Events;
        var result = await _kit.DispatchAsync(_command).ConfigureAwait(false);
        return (result, [.. _kit.PublishedEvents.Skip(before)]);
    }

    /// <summary>The event's JSON without the id and time every <see cref="Event"/> is given.</summary>
    private static JsonObject Content(IEvent @event, JsonSerializerOptions json)
    {
        var node = JsonSerializer.SerializeToNode(@event, @event.GetType(), json)!.AsObject();
        if (@event is Event)
        {
            node.Remove(json.PropertyNamingPolicy?.ConvertName(nameof(Event.EventId)) ?? nameof(Event.EventId));
            node.Remove(json.PropertyNamingPolicy?.ConvertName(nameof(Event.OccurredAt)) ?? nameof(Event.OccurredAt));
        }

        return node;
    }

    private static string Describe(IEnumerable<IEvent> events, JsonSerializerOptions json) =>
        events.Any() ? string.Join(", ", events.Select(e => $"{e.GetType().Name} {Content(e, json).ToJsonString()}")) : "no event";

    private static string Describe(IEvent[] events) =>
        events.Length == 0 ? "no event" : string.Join(", ", events.Select(e => e.GetType().Name));

    private static string Name(object message) => message.GetType().Name;
}
