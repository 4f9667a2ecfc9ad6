namespace ServerlessCqrs.Functions.Middleware;

/// <summary>The OpenTelemetry semantic-convention attributes the invocation span carries beside the kernel's own.</summary>
#pragma warning disable CA1034 // Nested groups keep the names discoverable, as in CqrsDiagnostics.
public static class FunctionsDiagnostics
{
    /// <summary>Attribute keys.</summary>
    public static class Tags
    {
        /// <summary>Function trigger type: http, pubsub, timer, datasource, other.</summary>
        public const string FaasTrigger = "faas.trigger";

        /// <summary>The Functions invocation id.</summary>
        public const string FaasInvocationId = "faas.invocation_id";

        /// <summary>The function's name.</summary>
        public const string FaasName = "faas.name";

        /// <summary>HTTP request method.</summary>
        public const string HttpRequestMethod = "http.request.method";

        /// <summary>HTTP response status code.</summary>
        public const string HttpResponseStatusCode = "http.response.status_code";
    }

    /// <summary>The ids of the Functions app's log events (3000s), named as the events are.</summary>
    public static class LogEvents
    {
        /// <summary>An invocation threw.</summary>
        public const int InvocationFaulted = 3000;

        /// <summary>A request carried an App Service Authentication principal while that is off; it was ignored (once per instance). Authentication: 3100s.</summary>
        public const int ClientPrincipalIgnored = 3100;
    }
}
