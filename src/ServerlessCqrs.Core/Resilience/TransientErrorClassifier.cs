using Microsoft.Extensions.Options;

namespace ServerlessCqrs.Resilience;

/// <summary>Applies <see cref="TransientErrorOptions.Rules"/>.</summary>
internal sealed class TransientErrorClassifier(IOptions<TransientErrorOptions> options) : ITransientErrorClassifier
{
    private readonly Func<Exception, bool>[] _rules = [.. options.Value.Rules];

    public bool IsTransient(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        foreach (var rule in _rules)
        {
            if (rule(exception))
            {
                return true;
            }
        }

        return false;
    }
}
