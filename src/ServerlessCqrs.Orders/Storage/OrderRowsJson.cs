using System.Text.Json;
using System.Text.Json.Serialization;
using ServerlessCqrs.Orders.Domain;

namespace ServerlessCqrs.Orders.Storage;

/// <summary>The JSON of order lines inside a table row.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(IReadOnlyList<OrderLine>))]
internal sealed partial class OrderRowsJson : JsonSerializerContext;
