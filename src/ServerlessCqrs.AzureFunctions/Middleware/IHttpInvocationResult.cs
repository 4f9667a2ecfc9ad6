using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace ServerlessCqrs.Functions.Middleware;

/// <summary>
/// Sets the HTTP response of an invocation. A seam because the worker's own way,
/// <c>GetInvocationResult()</c>, needs an internal feature that a test's <see cref="FunctionContext"/> lacks.
/// </summary>
public interface IHttpInvocationResult
{
    /// <summary>Makes <paramref name="result"/> the invocation's HTTP response.</summary>
    void Set(FunctionContext context, IResult result);
}

/// <summary>Sets the invocation result; the ASP.NET Core integration then executes the <see cref="IResult"/>.</summary>
internal sealed class InvocationResultSetter : IHttpInvocationResult
{
    public void Set(FunctionContext context, IResult result) => context.GetInvocationResult().Value = result;
}
