using System.Reflection;

namespace ServerlessCqrs.Registry;

/// <summary>What a message type is, read from its interfaces and attributes at startup.</summary>
internal sealed record MessageShape(Type MessageType, string Name, MessageKind Kind, Type? ResultType, int Version, bool CreatesResource)
{
    /// <summary>Reads the shape of a concrete message type, or returns <see langword="null"/> for other types.</summary>
    public static MessageShape? Of(Type type)
    {
        if (!type.IsClass && !type.IsValueType || type.IsAbstract || type.ContainsGenericParameters)
        {
            return null;
        }

        var contracts = new List<(MessageKind Kind, Type? Result)>(1);
        foreach (var contract in type.GetInterfaces())
        {
            if (contract == typeof(ICommand))
            {
                contracts.Add((MessageKind.Command, null));
            }
            else if (contract == typeof(IEvent))
            {
                contracts.Add((MessageKind.Event, null));
            }
            else if (contract.IsGenericType && contract.GetGenericTypeDefinition() == typeof(ICommand<>))
            {
                contracts.Add((MessageKind.Command, contract.GenericTypeArguments[0]));
            }
            else if (contract.IsGenericType && contract.GetGenericTypeDefinition() == typeof(IQuery<>))
            {
                contracts.Add((MessageKind.Query, contract.GenericTypeArguments[0]));
            }
        }

        if (contracts.Count == 0)
        {
            return null;
        }

        if (contracts.Count > 1)
        {
            throw new InvalidOperationException(
                $"{type.FullName} implements more than one message contract ({string.Join(", ", contracts.Select(c => c.Kind))}). " +
                "A message is exactly one command, query or event.");
        }

        var (kind, result) = contracts[0];
        var name = NameOf(type);
        if (string.IsNullOrWhiteSpace(name) || name.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not '.' and not '_' and not '-'))
        {
            throw new InvalidOperationException(
                $"'{name}', the message name of {type.FullName}, must be ASCII letters, digits, '.', '_' or '-' (it is used in URLs and on transports).");
        }

        var version = type.GetCustomAttribute<EventVersionAttribute>()?.Version ?? 1;
        if (version < 1)
        {
            throw new InvalidOperationException($"{type.FullName} declares event version {version}; versions start at 1.");
        }

        return new MessageShape(type, name, kind, result, version, type.IsDefined(typeof(CreatesResourceAttribute), inherit: false));
    }

    /// <summary>The wire name of a message, or of another context's message read through a contract: its <see cref="MessageNameAttribute"/>, else the type name.</summary>
    public static string NameOf(Type type) => type.GetCustomAttribute<MessageNameAttribute>()?.Name ?? type.Name;
}
