namespace ServerlessCqrs.Pipeline;

/// <summary>
/// Closes behavior types over a message. An open behavior's type parameters are inferred from how its
/// <see cref="IMessageBehavior{TMessage, TResponse}"/> contract uses them, so a behavior may take the
/// result type apart: <c>Cache&lt;TQuery, TResult&gt; : IMessageBehavior&lt;TQuery, Result&lt;TResult&gt;&gt;</c>
/// closes over <c>GetOrder</c> and <c>Result&lt;OrderDetails&gt;</c> as <c>Cache&lt;GetOrder, OrderDetails&gt;</c>.
/// Generic constraints decide which messages a behavior wraps.
/// </summary>
internal static class BehaviorTypes
{
    /// <summary>The behavior closed for the message, or <see langword="null"/> when it does not apply to it.</summary>
    public static Type? Close(Type behavior, Type messageType, Type responseType)
    {
        var wanted = typeof(IMessageBehavior<,>).MakeGenericType(messageType, responseType);
        if (!behavior.IsGenericTypeDefinition)
        {
            return wanted.IsAssignableFrom(behavior) ? behavior : null;
        }

        foreach (var contract in ContractsOf(behavior))
        {
            var arguments = new Type?[behavior.GetGenericArguments().Length];
            if (!Infer(contract[0], messageType, arguments) || !Infer(contract[1], responseType, arguments) || Array.IndexOf(arguments, null) >= 0)
            {
                continue;
            }

            try
            {
                var closed = behavior.MakeGenericType(arguments!);
                if (wanted.IsAssignableFrom(closed))
                {
                    return closed;
                }
            }
            catch (ArgumentException)
            {
                // Its generic constraints exclude this message: it does not apply.
            }
        }

        return null;
    }

    /// <summary>Checks at registration that a type can be a behavior.</summary>
    public static void EnsureBehavior(Type behaviorType)
    {
        var contracts = ContractsOf(behaviorType).ToList();
        var fits = !behaviorType.IsAbstract && behaviorType.IsClass && contracts.Count > 0
            && (!behaviorType.IsGenericTypeDefinition
                || contracts.Any(c => behaviorType.GetGenericArguments().All(p => c.Any(argument => Mentions(argument, p)))));
        if (!fits)
        {
            throw new ArgumentException(
                $"{behaviorType.FullName} is not a behavior: it must be a concrete class implementing IMessageBehavior<TMessage, TResponse>, " +
                "either closed for one message or open with every type parameter used in that interface.", nameof(behaviorType));
        }
    }

    /// <summary>The type arguments of each <see cref="IMessageBehavior{TMessage, TResponse}"/> the type implements.</summary>
    private static IEnumerable<Type[]> ContractsOf(Type behavior) =>
        behavior.GetInterfaces()
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IMessageBehavior<,>))
            .Select(i => i.GenericTypeArguments);

    /// <summary>Matches <paramref name="pattern"/> (written with the behavior's type parameters) against <paramref name="actual"/>, recording each parameter's type.</summary>
    private static bool Infer(Type pattern, Type actual, Type?[] arguments)
    {
        if (pattern.IsGenericParameter)
        {
            var position = pattern.GenericParameterPosition;
            arguments[position] ??= actual;
            return arguments[position] == actual;
        }

        if (pattern.IsArray)
        {
            return actual.IsArray && pattern.GetArrayRank() == actual.GetArrayRank() && Infer(pattern.GetElementType()!, actual.GetElementType()!, arguments);
        }

        if (!pattern.ContainsGenericParameters)
        {
            return pattern == actual;
        }

        if (!actual.IsGenericType || pattern.GetGenericTypeDefinition() != actual.GetGenericTypeDefinition())
        {
            return false;
        }

        var (patterns, actuals) = (pattern.GetGenericArguments(), actual.GetGenericArguments());
        for (var i = 0; i < patterns.Length; i++)
        {
            if (!Infer(patterns[i], actuals[i], arguments))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Mentions(Type type, Type parameter) =>
        type == parameter || type.HasElementType && Mentions(type.GetElementType()!, parameter)
        || type.IsGenericType && type.GetGenericArguments().Any(a => Mentions(a, parameter));
}
