using System.Text.Json.Nodes;

namespace ServerlessCqrs.Ops.OpenObserve.Provisioning;

/// <summary>A template, destination, alert or dashboard OpenObserve should have: what it is matched by, and the body that makes it.</summary>
/// <param name="Name">The name (a dashboard's title).</param>
/// <param name="Body">The request body, as sent on create and update.</param>
internal sealed record NamedBody(string Name, JsonObject Body);
