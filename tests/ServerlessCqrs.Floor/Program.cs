using System.Text.Json;
using System.Text.Json.Serialization;

// The floor the LocalHost is measured against: Kestrel, minimal routing and System.Text.Json, nothing else.
// GetOrder answers an order of the same shape and size with the headers a client needs (ETag,
// Cache-Control, X-Cache); CreateOrder parses the same body and answers 201 with an id.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, FloorJson.Default));
var app = builder.Build();

app.MapGet("/api/health", () => Results.Text("""{"status":"Healthy","checks":{}}""", "application/json"));
app.MapGet("/api/queries/GetOrder", (HttpContext http, string orderId) =>
{
    http.Response.Headers.ETag = "\"floor\"";
    http.Response.Headers.CacheControl = "private, max-age=30";
    http.Response.Headers["X-Cache"] = "hit";
    return Results.Text(
        $$"""{"orderId":"{{orderId}}","customerId":"c1","status":"Created","lines":[{"sku":"A-1","quantity":2,"unitPrice":9.5}],"total":19.0,"version":1}""",
        "application/json");
});
app.MapPost("/api/commands/CreateOrder", (CreateOrder order) => order.Lines is { Count: > 0 }
    ? Results.Json(new OrderCreated(Guid.CreateVersion7()), FloorJson.Default.OrderCreated, statusCode: StatusCodes.Status201Created)
    : Results.BadRequest());
app.MapPost("/api/commands/ConfirmOrder", (ConfirmOrder order) => order.OrderId.Length > 0 ? Results.Ok() : Results.BadRequest());
app.Run();

internal sealed record OrderLine(string Sku, int Quantity, decimal UnitPrice);

internal sealed record CreateOrder(string CustomerId, List<OrderLine> Lines);

internal sealed record ConfirmOrder(string OrderId);

internal sealed record OrderCreated(Guid OrderId);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(CreateOrder))]
[JsonSerializable(typeof(ConfirmOrder))]
[JsonSerializable(typeof(OrderCreated))]
internal sealed partial class FloorJson : JsonSerializerContext;
