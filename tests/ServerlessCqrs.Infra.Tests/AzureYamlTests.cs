using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace ServerlessCqrs.Infra.Tests;

/// <summary>azure.yaml is valid for azd and names the Functions app the Bicep deploys.</summary>
[Collection(nameof(InfraCollection))]
public sealed class AzureYamlTests(InfraFixture infra)
{
    private static readonly string SchemaPath = Path.Combine(AppContext.BaseDirectory, "Contracts", "azure.yaml.schema.json");
    private static readonly JsonSchema Schema = LoadSchema();

    private static JsonNode AzureYamlDocument() => AzureYaml.Read(File.ReadAllText(Repository.PathOf("azure.yaml")))!;

    [Fact]
    public void AzureYaml_IsValid_AgainstTheAzdSchema()
    {
        var result = Validate(AzureYamlDocument());

        Assert.True(result.IsValid, string.Join("\n", Errors(result)));
    }

    [Theory]
    [InlineData("services.functions.host", null)]
    [InlineData("name", "Serverless_CQRS")]
    [InlineData("hooks.postprovision", "not a hook")]
    public void TheSchemaCheck_RejectsWhatAzdWould(string path, string? value)
    {
        var document = AzureYamlDocument();
        var parent = path.Split('.')[..^1].Aggregate(document, (node, key) => node[key] ??= new JsonObject());
        var last = path.Split('.')[^1];
        if (value is null)
        {
            parent.AsObject().Remove(last);
        }
        else
        {
            parent[last] = value;
        }

        Assert.False(Validate(document).IsValid);
    }

    [Fact]
    public void TheOneService_IsTheFunctionsProject_DeployedAsAFunctionApp()
    {
        var services = AzureYamlDocument()["services"]!.AsObject();

        var (name, service) = Assert.Single(services);
        Assert.Equal(("dotnet", "function"), (service!["language"]!.GetValue<string>(), service["host"]!.GetValue<string>()));
        Assert.True(File.Exists(Path.Combine(Repository.PathOf(service["project"]!.GetValue<string>()), "ServerlessCqrs.Functions.csproj")));
        Assert.Equal(name, infra.Deployment.Single("Microsoft.Web/sites").Body["tags"]!["azd-service-name"]!.GetValue<string>());
    }

    [Fact]
    public void Infra_PointsAtTheBicepModule()
    {
        var infraSection = AzureYamlDocument()["infra"]!;

        Assert.Equal("bicep", infraSection["provider"]!.GetValue<string>());
        Assert.True(File.Exists(Repository.PathOf($"{infraSection["path"]}/{infraSection["module"]}.bicep")));
    }

    private static EvaluationResults Validate(JsonNode document) =>
        Schema.Evaluate(JsonSerializer.SerializeToElement(document), new EvaluationOptions { OutputFormat = OutputFormat.List });

    /// <summary>
    /// The azd schema. It refers to azd extensions' own schemas online (AI agent hosts, which this app does
    /// not use); offline they stand in as schemas that accept anything.
    /// </summary>
    private static JsonSchema LoadSchema()
    {
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        foreach (Match reference in Regex.Matches(File.ReadAllText(SchemaPath), "\"\\$ref\":\\s*\"(?<uri>https://[^\"#]+)"))
        {
            options.SchemaRegistry.Register(new Uri(reference.Groups["uri"].Value), JsonSchema.True);
        }

        return JsonSchema.FromFile(SchemaPath, options);
    }

    private static IEnumerable<string> Errors(EvaluationResults result) =>
        (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"));
}
