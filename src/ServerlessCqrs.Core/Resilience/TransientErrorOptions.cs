using System.Net;
using System.Net.Sockets;
using Polly.Timeout;

namespace ServerlessCqrs.Resilience;

/// <summary>
/// The rules that classify an exception as transient; an exception is transient when any rule
/// matches. Add rules with <c>AddTransientException&lt;T&gt;()</c> on the CQRS builder.
/// </summary>
public sealed class TransientErrorOptions
{
    /// <summary>The rules, starting with the defaults: <see cref="TransientException"/>, timeouts,
    /// socket errors and HTTP failures that are worth retrying (no status, 408, 429, 5xx).</summary>
    public IList<Func<Exception, bool>> Rules { get; } =
    [
        static e => e is TransientException or TimeoutException or TimeoutRejectedException or SocketException,
        static e => e is HttpRequestException { StatusCode: null or HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests }
            || e is HttpRequestException { StatusCode: >= HttpStatusCode.InternalServerError },
    ];
}
