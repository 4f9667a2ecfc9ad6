using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ServerlessCqrs.Observability;
using ServerlessCqrs.Ops.Cli;

namespace ServerlessCqrs.Ops.OpenObserve;

/// <summary>
/// OpenObserve's HTTP API as the operations need it, with the app's settings (URL, organization, Basic
/// credentials, timeout). Every failure is an <see cref="OpenObserveException"/> whose one line says what was
/// wrong: the server unreachable or silent, the credentials refused, the organization unknown, or the status
/// and message the server answered a request with.
/// </summary>
internal sealed class OpenObserveClient(OpenObserveSettings settings) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = settings.Url, Timeout = settings.Timeout };

    /// <summary>The server.</summary>
    public Uri Url => settings.Url;

    /// <summary>The organization.</summary>
    public string Organization => settings.Organization;

    /// <summary><c>/api/{org}</c>, escaped.</summary>
    public string Api => $"api/{Uri.EscapeDataString(settings.Organization)}";

    /// <summary><c>GET /healthz</c>, which needs no credentials.</summary>
    public Task HealthAsync(CancellationToken cancellationToken) => SendAsync(HttpMethod.Get, "healthz", null, cancellationToken, authenticate: false);

    /// <summary>Sends a request and returns the JSON it answered (<see langword="null"/> for no body, a string value for plain text).</summary>
    public async Task<JsonNode?> SendAsync(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken, bool authenticate = true)
    {
        ArgumentNullException.ThrowIfNull(method);
        using var request = new HttpRequestMessage(method, path);
        if (authenticate)
        {
            request.Headers.TryAddWithoutValidation("Authorization", settings.Authorization);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        }

        using var response = await SendAndTranslateAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw Refused(response.StatusCode, method, path, text);
        }

        return Parse(text);
    }

    public void Dispose() => _http.Dispose();

    private async Task<HttpResponseMessage> SendAndTranslateAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await _http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException failure)
        {
            throw new OpenObserveException($"Cannot reach OpenObserve at {Url}: {FailureText.FirstLine(failure.Message)}", innerException: failure);
        }
        catch (TaskCanceledException failure) when (!cancellationToken.IsCancellationRequested)
        {
            throw new OpenObserveException(
                $"OpenObserve at {Url} did not answer {request.Method} /{request.RequestUri} within {Durations.Format(settings.Timeout)} (OPENOBSERVE_TIMEOUT).",
                innerException: failure);
        }
    }

    private OpenObserveException Refused(HttpStatusCode status, HttpMethod method, string path, string body)
    {
        var message = MessageOf(body);
        if (status == HttpStatusCode.Unauthorized)
        {
            return new OpenObserveException(settings.Authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                ? $"OpenObserve at {Url} refused the credentials (401 {message}): it takes Basic auth only; set OPENOBSERVE_USER and OPENOBSERVE_PASSWORD, or OPENOBSERVE_TOKEN to base64(email:password)."
                : $"OpenObserve at {Url} refused the credentials (401): check OPENOBSERVE_USER and OPENOBSERVE_PASSWORD, or OPENOBSERVE_TOKEN.", status);
        }

        if (status == HttpStatusCode.NotFound && message.Contains("Organization not found", StringComparison.OrdinalIgnoreCase))
        {
            return new OpenObserveException($"OpenObserve at {Url} has no organization '{settings.Organization}' (OPENOBSERVE_ORGANIZATION).", status);
        }

        return new OpenObserveException($"OpenObserve answered {(int)status} {status} to {method} /{path}: {message}", status);
    }

    /// <summary>The server's <c>message</c> (JSON errors) or its text (plain-text rejections), one line, not too long.</summary>
    private static string MessageOf(string body)
    {
        var message = Parse(body) is JsonObject json && json["message"] is JsonValue value ? value.ToString() : body;
        message = FailureText.FirstLine(message);
        return message.Length switch
        {
            0 => "(no message)",
            > 300 => message[..300] + "…",
            _ => message,
        };
    }

    private static JsonNode? Parse(string text)
    {
        if (text.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }
}
