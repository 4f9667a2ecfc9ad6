using System.Text;
using Microsoft.AspNetCore.Http;

namespace ServerlessCqrs.Functions.Tests;

/// <summary>
/// Calls one HTTP function the way the worker does: a request in the invocation's scope, the function
/// activated from it, the returned result executed into a response.
/// </summary>
internal static class HttpFunctionInvocation
{
    /// <summary>The response to the request <paramref name="prepare"/> fills in.</summary>
    public static async Task<(HttpResponse Response, string Body)> InvokeAsync<TFunctions>(
        IServiceProvider services, Func<TFunctions, HttpRequest, Task<IResult>> function, Action<HttpRequest> prepare)
    {
        await using var scope = services.CreateAsyncScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        prepare(http.Request);
        using var response = new MemoryStream();
        http.Response.Body = response;
        var functions = ActivatorUtilities.CreateInstance<TFunctions>(scope.ServiceProvider);
        var result = await function(functions, http.Request);
        await result.ExecuteAsync(http);
        return (http.Response, Encoding.UTF8.GetString(response.ToArray()));
    }

    /// <summary>A JSON body on the request.</summary>
    public static void WithJson(this HttpRequest request, string body)
    {
        request.ContentType = "application/json";
        request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
    }
}
