using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using ServerlessCqrs.Http.ApiDescription;

namespace ServerlessCqrs.IntegrationTests.ApiDescription;

/// <summary>Each validation attribute appears in the document as the JSON Schema keywords that say the same.</summary>
public sealed class SchemaKeywordsTests
{
    private static readonly JsonNode Document = Describe();

    [Theory]
    [InlineData("code", """{"type":"string","minLength":1,"pattern":"^[A-Z]{3}$"}""")]
    [InlineData("size", """{"type":"string","enum":["S","M","L"]}""")]
    [InlineData("tags", """{"type":"array","items":{"type":"string"},"minItems":1,"maxItems":5}""")]
    [InlineData("ratio", """{"type":"number","exclusiveMinimum":0,"maximum":1}""")]
    [InlineData("email", """{"type":["null","string"],"format":"email"}""")]
    [InlineData("note", """{"type":"string","minLength":2,"maxLength":10}""")]
    [InlineData("shape", """{"$ref":"#/components/schemas/Shape"}""")]
    public void AField_CarriesItsRules(string field, string expected)
    {
        var actual = Document["components"]!["schemas"]!["Survey"]!["properties"]![field]!;

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"{field}: {actual.ToJsonString()}");
    }

    [Fact]
    public void RequiredFields_AreRequired_AndAnEnumIsANamedStringComponent()
    {
        var schemas = Document["components"]!["schemas"]!;

        Assert.Equal(["code", "tags"], schemas["Survey"]!["required"]!.AsArray().Select(n => n!.GetValue<string>()).Order());
        Assert.Equal("string", schemas["Shape"]!["type"]!.GetValue<string>());
        Assert.Equal(["Round", "Square"], schemas["Shape"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Fact]
    public void AResultsFieldsAlwaysWritten_AreRequired()
    {
        Assert.Equal(["accepted", "id"], Document["components"]!["schemas"]!["SurveyReceipt"]!["required"]!.AsArray().Select(n => n!.GetValue<string>()).Order());
    }

    private static JsonNode Describe()
    {
        using var services = CqrsTestHost.Build((services, cqrs) =>
        {
            cqrs.AddHandler<SurveyHandler>();
            services.AddServerlessCqrsHttp(new ConfigurationBuilder().Build());
        });
        return JsonNode.Parse(services.GetRequiredService<ApiDocuments>().OpenApi("http://127.0.0.1"))!;
    }

    public enum Shape
    {
        Round,
        Square,
    }

    public sealed record Survey : ICommand<SurveyReceipt>
    {
        [Required, RegularExpression("^[A-Z]{3}$")]
        public string Code { get; init; } = "";

        [AllowedValues("S", "M", "L")]
        public string Size { get; init; } = "M";

        [Required, Length(1, 5)]
        public IReadOnlyList<string> Tags { get; init; } = [];

        [Range(0d, 1d, MinimumIsExclusive = true)]
        public double Ratio { get; init; }

        [EmailAddress]
        public string? Email { get; init; }

        [MinLength(2), MaxLength(10)]
        public string Note { get; init; } = "";

        public Shape Shape { get; init; }
    }

    public sealed record SurveyReceipt(string Id, bool Accepted, [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Remark);

    public sealed class SurveyHandler : ICommandHandler<Survey, SurveyReceipt>
    {
        public ValueTask<Result<SurveyReceipt>> HandleAsync(Survey command, CancellationToken cancellationToken) =>
            ValueTask.FromResult<Result<SurveyReceipt>>(new SurveyReceipt("1", true, null));
    }
}
