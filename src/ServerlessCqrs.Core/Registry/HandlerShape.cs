namespace ServerlessCqrs.Registry;

/// <summary>One message a handler type handles, read from its handler interfaces at startup.</summary>
internal sealed record HandlerShape(Type HandlerType, Type MessageType)
{
    /// <summary>The messages a type handles; empty for types that are not handlers.</summary>
    public static IReadOnlyList<HandlerShape> Of(Type type)
    {
        if (!type.IsClass || type.IsAbstract || type.ContainsGenericParameters)
        {
            return [];
        }

        var shapes = new List<HandlerShape>();
        foreach (var contract in type.GetInterfaces())
        {
            if (!contract.IsGenericType)
            {
                continue;
            }

            var definition = contract.GetGenericTypeDefinition();
            if (definition == typeof(ICommandHandler<>) || definition == typeof(ICommandHandler<,>)
                || definition == typeof(IQueryHandler<,>) || definition == typeof(IEventHandler<>))
            {
                shapes.Add(new HandlerShape(type, contract.GenericTypeArguments[0]));
            }
        }

        return shapes;
    }
}
