namespace ServerlessCqrs.Ops.OpenObserve.Provisioning;

/// <summary>What provisioning did (or would do) to one object.</summary>
/// <param name="Kind">logs, metrics or traces stream; template, destination, alert or dashboard.</param>
/// <param name="Name">Its name (a dashboard's title).</param>
/// <param name="Action">What happened to it.</param>
/// <param name="Detail">What differed, or why it was skipped.</param>
internal sealed record ProvisionChange(string Kind, string Name, ProvisionAction Action, string Detail = "");

/// <summary>What happened to an object.</summary>
internal enum ProvisionAction
{
    /// <summary>It did not exist and was created.</summary>
    Created,

    /// <summary>It existed and differed; it was updated.</summary>
    Updated,

    /// <summary>It existed as provisioning would make it.</summary>
    Unchanged,

    /// <summary>It was not provisioned (no webhook for alerts).</summary>
    Skipped,
}

/// <summary>A write provisioning sends, or in a dry run would send.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path and query, from the server's root.</param>
/// <param name="Body">The JSON body.</param>
internal sealed record ProvisionRequest(HttpMethod Method, string Path, System.Text.Json.Nodes.JsonObject Body);
