using System.ComponentModel.DataAnnotations;

namespace ServerlessCqrs.Pipeline.Validation;

/// <summary>Field path to messages, collected during one validation; created at the first error.</summary>
internal sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public void Add(string path, string? message)
    {
        if (!_errors.TryGetValue(path, out var messages))
        {
            _errors[path] = messages = [];
        }

        messages.Add(message ?? "The value is invalid.");
    }

    public void AddAll(IEnumerable<ValidationResult> results, string path)
    {
        foreach (var result in results)
        {
            Add(path, result.ErrorMessage);
        }
    }

    public IReadOnlyDictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}
