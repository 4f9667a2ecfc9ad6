using System.Reflection;
using System.Reflection.Emit;

namespace ServerlessCqrs.Core.Tests.Architecture;

/// <summary>
/// Every type of one assembly that a type of the same assembly uses: in its base type, interfaces,
/// generic constraints, attributes, fields, properties, method signatures and locals, and in the
/// IL of its method bodies (calls, field accesses, casts, <c>typeof</c>). Compiler-generated types
/// (closures, async state machines) are nested in the type whose code they hold, so they count for it.
/// </summary>
internal static class TypeReferences
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>The types of <paramref name="type"/>'s own assembly it refers to, with itself left out.</summary>
    public static IReadOnlySet<Type> Of(Type type)
    {
        var found = new HashSet<Type>();
        void Add(Type? t) => Collect(t, type.Assembly, found);

        Add(type.BaseType);
        type.GetInterfaces().ToList().ForEach(Add);
        AddAttributes(type.CustomAttributes, Add);
        if (type.IsGenericTypeDefinition)
        {
            type.GetGenericArguments().SelectMany(a => a.GetGenericParameterConstraints()).ToList().ForEach(Add);
        }

        foreach (var member in type.GetMembers(Declared))
        {
            AddAttributes(member.CustomAttributes, Add);
            switch (member)
            {
                case FieldInfo field:
                    Add(field.FieldType);
                    break;
                case PropertyInfo property:
                    Add(property.PropertyType);
                    break;
                case EventInfo @event:
                    Add(@event.EventHandlerType);
                    break;
                case MethodBase method:
                    AddMethod(method, Add);
                    break;
            }
        }

        found.Remove(type);
        return found;
    }

    private static void AddMethod(MethodBase method, Action<Type?> add)
    {
        if (method is MethodInfo info)
        {
            add(info.ReturnType);
            if (info.IsGenericMethodDefinition)
            {
                info.GetGenericArguments().SelectMany(a => a.GetGenericParameterConstraints()).ToList().ForEach(add);
            }
        }

        method.GetParameters().Select(p => p.ParameterType).ToList().ForEach(add);
        var body = method.GetMethodBody();
        if (body is null)
        {
            return;
        }

        body.LocalVariables.Select(l => l.LocalType).ToList().ForEach(add);
        foreach (var token in Tokens(body.GetILAsByteArray() ?? []))
        {
            switch (Resolve(method, token))
            {
                case Type t:
                    add(t);
                    break;
                case MethodBase callee:
                    add(callee.DeclaringType);
                    if (callee is MethodInfo { IsGenericMethod: true } generic)
                    {
                        generic.GetGenericArguments().ToList().ForEach(add);
                    }

                    break;
                case FieldInfo field:
                    add(field.DeclaringType);
                    add(field.FieldType);
                    break;
            }
        }
    }

    private static MemberInfo? Resolve(MethodBase method, int token)
    {
        var typeArguments = method.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        try
        {
            return method.Module.ResolveMember(token, typeArguments, methodArguments);
        }
        catch (ArgumentException)
        {
            return null; // a signature token (calli) or a string: not a member
        }
    }

    /// <summary>The metadata tokens an IL stream mentions.</summary>
    private static IEnumerable<int> Tokens(byte[] il)
    {
        var position = 0;
        while (position < il.Length)
        {
            var value = il[position] == 0xFE ? (short)(0xFE00 | il[position + 1]) : il[position];
            position += il[position] == 0xFE ? 2 : 1;
            var opCode = OpCodesByValue[value];
            switch (opCode.OperandType)
            {
                case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineType or OperandType.InlineTok:
                    yield return BitConverter.ToInt32(il, position);
                    position += 4;
                    break;
                case OperandType.InlineSwitch:
                    position += 4 + (4 * BitConverter.ToInt32(il, position));
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    position += 8;
                    break;
                case OperandType.InlineBrTarget or OperandType.InlineI or OperandType.InlineSig or OperandType.InlineString or OperandType.ShortInlineR:
                    position += 4;
                    break;
                case OperandType.InlineVar:
                    position += 2;
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    position += 1;
                    break;
            }
        }
    }

    private static void AddAttributes(IEnumerable<CustomAttributeData> attributes, Action<Type?> add)
    {
        foreach (var attribute in attributes)
        {
            add(attribute.AttributeType);
        }
    }

    /// <summary>Adds <paramref name="type"/> and the types it is built from (generic arguments, element types) that belong to <paramref name="assembly"/>.</summary>
    private static void Collect(Type? type, Assembly assembly, HashSet<Type> found)
    {
        if (type is null || type.IsGenericParameter)
        {
            return;
        }

        if (type.HasElementType)
        {
            Collect(type.GetElementType(), assembly, found);
            return;
        }

        if (type.IsGenericType)
        {
            foreach (var argument in type.GetGenericArguments())
            {
                Collect(argument, assembly, found);
            }

            type = type.GetGenericTypeDefinition();
        }

        if (type.Assembly == assembly)
        {
            found.Add(type);
        }
    }
}
