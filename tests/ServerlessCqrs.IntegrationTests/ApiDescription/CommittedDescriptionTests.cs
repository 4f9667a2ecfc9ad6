using NJsonSchema.CodeGeneration.CSharp;
using NSwag.CodeGeneration.CSharp;
using NSwag.CodeGeneration.OperationNameGenerators;
using ServerlessCqrs.Http.ApiDescription;
using ServerlessCqrs.IntegrationTests.Security;

namespace ServerlessCqrs.IntegrationTests.ApiDescription;

/// <summary>docs/openapi.json and the C# client generated from it are what the code generates now.</summary>
public sealed class CommittedDescriptionTests(SecuredLocalHost host) : IClassFixture<SecuredLocalHost>
{
    [Fact]
    public void CommittedOpenApiDocument_IsCurrent()
    {
        host.CreateClient().Dispose();

        var document = host.Services.GetRequiredService<ApiDocuments>().OpenApi("http://127.0.0.1:7071");

        DescriptionFiles.AssertCurrent(DescriptionFiles.OpenApi, document);
    }

    [Fact]
    public async Task CommittedCSharpClient_IsWhatNSwagGeneratesFromTheCommittedDocument()
    {
        var document = await NSwag.OpenApiDocument.FromFileAsync(DescriptionFiles.OpenApi);
        var settings = new CSharpClientGeneratorSettings
        {
            ClassName = "ServerlessCqrsClient",
            OperationNameGenerator = new SingleClientFromOperationIdOperationNameGenerator(),
            UseBaseUrl = false,
            GenerateClientInterfaces = false,
            CSharpGeneratorSettings =
            {
                Namespace = "ServerlessCqrs.IntegrationTests.ApiDescription.Generated",
                JsonLibrary = CSharpJsonLibrary.SystemTextJson,
                GenerateNullableReferenceTypes = true,
            },
        };

        var code = new CSharpClientGenerator(document, settings).GenerateFile();

        DescriptionFiles.AssertCurrent(DescriptionFiles.CSharpClient, code);
    }
}
