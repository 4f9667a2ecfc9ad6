namespace ServerlessCqrs.Http.ApiDescription;

/// <summary>How the OpenAPI document presents the API; set in code by the host (<c>services.Configure&lt;ApiDescriptionOptions&gt;</c>).</summary>
public sealed class ApiDescriptionOptions
{
    /// <summary>The document's title (default <c>ServerlessCqrs API</c>).</summary>
    public string Title { get; set; } = "ServerlessCqrs API";

    /// <summary>The document's <c>info.version</c> (default: the release of ServerlessCqrs.Http, <c>major.minor.patch</c>).</summary>
    public string? Version { get; set; }

    /// <summary>
    /// Whether callers send an Azure Functions key (<c>x-functions-key</c> header or <c>code</c> query parameter): the
    /// Functions app sets it, and the document then asks for one on every operation but health.
    /// </summary>
    public bool FunctionKeys { get; set; }
}
