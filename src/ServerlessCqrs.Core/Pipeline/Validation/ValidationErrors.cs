using System.ComponentModel.DataAnnotations;

namespace ServerlessCqrs.Pipeline.Validation;

/// <summary>Field path to messages, collected during one validation.</summary>
internal sealed class ValidationErrors
{
    private Dictionary<string, List<string>>? _errors;

    public int Count => _errors?.Count ?? 0;

    public void Add(string path, string? message)
    {
        _errors ??= new(StringComparer.Ordinal);
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

    public IReadOnlyDictionary<string, string[]>? ToDictionary() =>
        _errors?.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}
