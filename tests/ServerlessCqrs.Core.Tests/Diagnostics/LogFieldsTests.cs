using System.Reflection;
using Microsoft.Extensions.Logging;
using ServerlessCqrs.Diagnostics;
using ServerlessCqrs.Events;

namespace ServerlessCqrs.Core.Tests.Diagnostics;

/// <summary>
/// The log fields dashboards and alerts query are the constants in <see cref="CqrsDiagnostics.LogFields"/>:
/// every field of the per-message and event-delivery log records is one of them, and each constant is
/// logged by some record, so renaming either side fails here rather than emptying a dashboard.
/// </summary>
public sealed class LogFieldsTests
{
    [Fact]
    public void PipelineRecords_LogExactlyTheMessageAndQueryFields()
    {
        var logged = Placeholders(Type.GetType("ServerlessCqrs.Pipeline.Behaviors.PipelineLog, ServerlessCqrs.Core", throwOnError: true)!, _ => true);

        Assert.Equal(CqrsDiagnostics.LogFields.OfMessages.Concat(CqrsDiagnostics.LogFields.OfQueries).Order(), logged.Order());
    }

    [Fact]
    public void DispatcherRecords_LogTheEventDeliveryFields()
    {
        var logged = Placeholders(typeof(EventDispatcher), name => name is "EventRetry" or "EventDeadLettered");

        Assert.Equal(new[] { CqrsDiagnostics.LogFields.Type, CqrsDiagnostics.LogFields.Id }.Concat(CqrsDiagnostics.LogFields.OfEventDeliveries).Order(), logged.Order());
    }

    private static HashSet<string> Placeholders(Type type, Func<string, bool> events) =>
    [
        .. from method in type.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)
           let record = method.GetCustomAttribute<LoggerMessageAttribute>()
           where record is not null && events(record.EventName!)
           // The generator makes every parameter but the logger and the exception a field, in the message or not.
           from parameter in method.GetParameters()
           where !typeof(ILogger).IsAssignableFrom(parameter.ParameterType) && !typeof(Exception).IsAssignableFrom(parameter.ParameterType)
           select parameter.Name!,
    ];
}
