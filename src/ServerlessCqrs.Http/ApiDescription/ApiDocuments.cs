using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using ServerlessCqrs.Registry;
using ServerlessCqrs.Security;

namespace ServerlessCqrs.Http.ApiDescription;

/// <summary>
/// The API's description, built once from the message registry when first asked for: the OpenAPI 3.1 document
/// (<c>GET /api/openapi.json</c>) and the catalog (<c>GET /api/catalog</c>), a short index into it.
/// </summary>
public sealed class ApiDocuments
{
    private readonly Lazy<(string OpenApi, byte[] Catalog)> _documents;

    /// <summary>Prepares both documents.</summary>
    public ApiDocuments(MessageRegistry registry, IOptions<MessageAuthorizationOptions> authorization, IOptions<ApiDescriptionOptions> options)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(authorization);
        ArgumentNullException.ThrowIfNull(options);
        _documents = new(() =>
        {
            var model = ApiModel.Build(registry, authenticationConfigured: authorization.Value.DefaultPolicy is not null);
            var document = OpenApiDocumentFactory.Create(model, options.Value, options.Value.Version ?? VersionOf(typeof(ApiDocuments).Assembly));
            using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
            document.SerializeAsV31(new OpenApiJsonWriter(text));
            return (text.ToString(), CatalogDocument.Build(model));
        });
    }

    /// <summary>The catalog, as JSON.</summary>
    public byte[] Catalog => _documents.Value.Catalog;

    /// <summary>The OpenAPI document with <c>servers</c> set to <paramref name="serverUrl"/>, indented as a reviewer reads it.</summary>
    public string OpenApi(string serverUrl)
    {
        var document = JsonNode.Parse(_documents.Value.OpenApi)!.AsObject();
        var ordered = new JsonObject();
        foreach (var (key, value) in document.ToList())
        {
            document.Remove(key);
            ordered[key] = value;
            if (key == "info")
            {
                ordered["servers"] = new JsonArray(new JsonObject { ["url"] = serverUrl });
            }
        }

        return ordered.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }

    /// <summary>The OpenAPI document for the server that <paramref name="request"/> reached.</summary>
    public byte[] OpenApiFor(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Encoding.UTF8.GetBytes(OpenApi($"{request.Scheme}://{request.Host}{request.PathBase}"));
    }

    /// <summary>
    /// <c>1.2.3</c>: the assembly's file version, which names the release and stays put between releases (the package
    /// version adds the commits since the last one).
    /// </summary>
    private static string VersionOf(Assembly assembly) =>
        Version.TryParse(assembly.GetCustomAttribute<AssemblyFileVersionAttribute>()?.Version, out var version)
            ? version.ToString(3)
            : "0.0.0";
}
