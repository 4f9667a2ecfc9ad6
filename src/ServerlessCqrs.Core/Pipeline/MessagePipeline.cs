using Microsoft.Extensions.DependencyInjection;

namespace ServerlessCqrs.Pipeline;

/// <summary>
/// The ordered list of behaviors that wrap every handler, outermost first: the built-in stages, added by
/// the kernel, and the application's behaviors placed relative to them. Collected while services are
/// composed; each message type's chain is cut from it at startup (see <see cref="BehaviorComposer"/>).
/// </summary>
internal sealed class MessagePipeline
{
    private readonly List<PipelineStep> _steps = [];

    public IReadOnlyList<PipelineStep> Steps => _steps;

    /// <summary>Appends a built-in stage; <paramref name="kinds"/> limits it to some kinds of message.</summary>
    public void AddStage(string name, Type behaviorType, params MessageKind[] kinds)
    {
        if (!_steps.Exists(s => s.Name == name))
        {
            _steps.Add(new PipelineStep(name, behaviorType, ServiceLifetime.Singleton, IsStage: true, kinds));
        }
    }

    /// <summary>Places one of the application's behaviors; a behavior added twice keeps its first place.</summary>
    public void Add(Type behaviorType, ServiceLifetime lifetime, PipelinePosition position)
    {
        if (_steps.Exists(s => s.BehaviorType == behaviorType))
        {
            return;
        }

        var step = new PipelineStep(behaviorType.Name, behaviorType, lifetime, IsStage: false, []);
        _steps.Insert(IndexFor(position), step);
    }

    private int IndexFor(PipelinePosition position)
    {
        if (position.IsOutermost)
        {
            return 0;
        }

        if (position.Stage is not { } stage)
        {
            return _steps.Count;
        }

        var index = _steps.FindIndex(s => s.IsStage && s.Name == stage);
        if (index < 0)
        {
            throw new InvalidOperationException($"The pipeline has no {stage} stage to place a behavior {position}.");
        }

        if (!position.IsAfter)
        {
            return index;
        }

        // After a stage: before the next stage, behind what was placed after it earlier.
        var next = _steps.FindIndex(index + 1, s => s.IsStage);
        return next < 0 ? _steps.Count : next;
    }
}

/// <summary>One entry of the pipeline: a behavior type (open or closed), its lifetime, and for a built-in stage the kinds it serves.</summary>
internal sealed record PipelineStep(string Name, Type BehaviorType, ServiceLifetime Lifetime, bool IsStage, MessageKind[] Kinds)
{
    public bool Serves(MessageKind kind) => Kinds.Length == 0 || Array.IndexOf(Kinds, kind) >= 0;
}
