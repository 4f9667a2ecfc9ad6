using System.Net;
using System.Text;

namespace ServerlessCqrs.IntegrationTests;

/// <summary>Every error class the edge answers, each an RFC 9457 problem with a trace id.</summary>
public sealed class ErrorResponseTests(LocalHostFactory factory) : IClassFixture<LocalHostFactory>
{
    [Theory]
    [InlineData("/api/commands/NoSuchCommand", "unknown_command", "There is no command named 'NoSuchCommand'")]
    [InlineData("/api/commands/GetOrder", "unknown_command", "'GetOrder' is a query")]
    [InlineData("/api/commands/OrderCreated", "unknown_command", "'OrderCreated' is an event")]
    public async Task UnknownCommand_Is404(string path, string code, string detail)
    {
        using var client = factory.CreateClient();

        var problem = await (await client.PostJsonAsync(path, "{}")).AssertProblemAsync(HttpStatusCode.NotFound, code);

        Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(path, problem.GetProperty("instance").GetString());
    }

    [Theory]
    [InlineData("/api/queries/NoSuchQuery", "There is no query named 'NoSuchQuery'")]
    [InlineData("/api/queries/CreateOrder", "'CreateOrder' is a command; send it with POST /api/commands/CreateOrder.")]
    public async Task UnknownQuery_Is404(string path, string detail)
    {
        using var client = factory.CreateClient();

        var problem = await (await client.GetAsync(path)).AssertProblemAsync(HttpStatusCode.NotFound, "unknown_query");

        Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"customerId\":")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("{\"customerId\":\"c1\",\"lines\":[{\"sku\":\"A\",\"quantity\":\"many\",\"unitPrice\":1}]}")]
    public async Task MalformedJson_Is400(string body)
    {
        using var client = factory.CreateClient();

        var problem = await (await client.PostJsonAsync("/api/commands/CreateOrder", body)).AssertProblemAsync(HttpStatusCode.BadRequest, "malformed_json");

        Assert.DoesNotContain("System.", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidFields_Are400WithAnErrorsMap()
    {
        using var client = factory.CreateClient();

        var response = await client.PostJsonAsync("/api/commands/CreateOrder",
            """{"customerId":"","lines":[{"sku":"A-1","quantity":0,"unitPrice":-1}]}""");

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        var errors = problem.GetProperty("errors");
        Assert.Equal(["customerId", "lines[0].quantity", "lines[0].unitPrice"], errors.EnumerateObject().Select(e => e.Name).Order());
        Assert.Equal("The field customerId must be a string with a minimum length of 1 and a maximum length of 64.", errors.GetProperty("customerId")[0].GetString());
    }

    [Fact]
    public async Task EmptyBody_IsValidatedAsAnEmptyCommand()
    {
        using var client = factory.CreateClient();

        var response = await client.PostAsync("/api/commands/ConfirmOrder", null);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("orderId", out _));
    }

    [Fact]
    public async Task MissingOrder_Is404()
    {
        using var client = factory.CreateClient();

        await (await client.GetAsync("/api/queries/GetOrder?orderId=no-such-order")).AssertProblemAsync(HttpStatusCode.NotFound, "order_not_found");
        await (await client.PostJsonAsync("/api/commands/ConfirmOrder", """{"orderId":"no-such-order"}"""))
            .AssertProblemAsync(HttpStatusCode.NotFound, "order_not_found");
    }

    [Fact]
    public async Task RuleViolation_Is422()
    {
        using var client = factory.CreateClient();

        var problem = await (await client.PostJsonAsync("/api/commands/Reserve", """{"seats":11}""")).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "too_many_seats");

        Assert.Equal("At most 10 seats can be reserved at once.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Fault_Is500_WithNoInternals()
    {
        using var client = factory.CreateClient();

        var response = await client.PostJsonAsync("/api/commands/Explode", "{}");

        await response.AssertProblemAsync(HttpStatusCode.InternalServerError, "internal_error");
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("hunter2", body, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", body, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BodyOverOneMebibyte_Is413()
    {
        using var client = factory.CreateClient();
        var padding = new string(' ', 1024 * 1024);

        var declared = await client.PostJsonAsync("/api/commands/CreateOrder", "{" + padding + "}");
        using var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("{" + padding + "}")));
        chunked.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/commands/CreateOrder") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        var streamed = await client.SendAsync(request);

        await declared.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "body_too_large");
        await streamed.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "body_too_large");
    }

    [Fact]
    public async Task BodyOfExactlyOneMebibyte_IsRead()
    {
        using var client = factory.CreateClient();
        var body = "{\"orderId\":\"x\"}";
        body = body.PadRight(1024 * 1024);

        await (await client.PostJsonAsync("/api/commands/ConfirmOrder", body)).AssertProblemAsync(HttpStatusCode.NotFound, "order_not_found");
    }

    [Fact]
    public async Task NonJsonBody_Is415()
    {
        using var client = factory.CreateClient();

        var response = await client.PostAsync("/api/commands/CreateOrder", new StringContent("customerId=c1", Encoding.UTF8, "application/x-www-form-urlencoded"));

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
    }

    [Theory]
    [InlineData("/api/queries/ListOrders?customerId=c1&limit=lots", "'limit'")]
    [InlineData("/api/queries/ListOrders?customerId=c1&customerId=c2", "'customerId' is given 2 times")]
    public async Task UnreadableQueryString_Is400(string path, string detail)
    {
        using var client = factory.CreateClient();

        var problem = await (await client.GetAsync(path)).AssertProblemAsync(HttpStatusCode.BadRequest, "malformed_query");

        Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OutOfRangeQueryValue_IsAValidationError()
    {
        using var client = factory.CreateClient();

        var problem = await (await client.GetAsync("/api/queries/ListOrders?customerId=c1&limit=0")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");

        Assert.True(problem.GetProperty("errors").TryGetProperty("limit", out _));
    }

    [Fact]
    public async Task UnknownRoute_Is404Problem_AndWrongMethodIs405()
    {
        using var client = factory.CreateClient();

        await (await client.GetAsync("/api/nothing-here")).AssertProblemAsync(HttpStatusCode.NotFound, code: null);
        await (await client.GetAsync("/api/commands/CreateOrder")).AssertProblemAsync(HttpStatusCode.MethodNotAllowed, code: null);
    }
}
