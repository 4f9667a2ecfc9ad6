using System.Collections.Concurrent;
using System.Diagnostics;
using ServerlessCqrs.Diagnostics;

namespace ServerlessCqrs.Testing;

/// <summary>
/// Records every ServerlessCqrs span that belongs to the trace this collector starts, so tests that run
/// in parallel never see each other's spans. Spans started under <see cref="Root"/> — directly, or across
/// a transport through the envelope's traceparent — share its trace id.
/// </summary>
public sealed class SpanCollector : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<Activity> _spans = new();

    public SpanCollector()
    {
        Root = new Activity("test-root").SetIdFormat(ActivityIdFormat.W3C);
        Root.ActivityTraceFlags = ActivityTraceFlags.Recorded;
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == CqrsDiagnostics.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.TraceId == Root.TraceId)
                {
                    _spans.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
        Root.Start();
    }

    /// <summary>The test's root activity; current until the collector is disposed.</summary>
    public Activity Root { get; }

    /// <summary>The finished spans of this trace, in the order they ended.</summary>
    public IReadOnlyList<Activity> Spans => [.. _spans];

    /// <summary>The finished span with the given name.</summary>
    public Activity Named(string name) => Assert.Single(Spans, s => s.DisplayName == name);

    public void Dispose()
    {
        Root.Stop();
        _listener.Dispose();
    }
}
