using System.CodeDom.Compiler;
using System.Reflection;

namespace ServerlessCqrs.Core.Tests.Architecture;

/// <summary>
/// Which namespaces of an assembly use which, with one type reference as the example of each edge. Types a
/// source generator emitted into namespaces of their own (<c>[GeneratedCode]</c>) belong to no namespace of ours.
/// </summary>
internal sealed class NamespaceGraph
{
    private readonly Dictionary<string, Dictionary<string, string>> _edges = [];

    private NamespaceGraph()
    {
    }

    public static NamespaceGraph Of(Assembly assembly)
    {
        var graph = new NamespaceGraph();
        foreach (var type in assembly.GetTypes().Where(t => !IsGenerated(t)))
        {
            var from = type.Namespace ?? "";
            var edges = graph.EdgesOf(from);
            foreach (var used in TypeReferences.Of(type).Where(t => !IsGenerated(t)))
            {
                var to = used.Namespace ?? "";
                if (to != from)
                {
                    edges.TryAdd(to, $"{Name(type)} uses {Name(used)}");
                }
            }
        }

        return graph;
    }

    /// <summary>Each group of namespaces that reach each other (a strongly connected component), with the references that tie it.</summary>
    public IReadOnlyList<string> Cycles()
    {
        var index = 0;
        var indices = new Dictionary<string, int>();
        var lowLinks = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var cycles = new List<string>();

        void Visit(string node)
        {
            indices[node] = lowLinks[node] = index++;
            stack.Push(node);
            foreach (var next in EdgesOf(node).Keys)
            {
                if (!indices.TryGetValue(next, out var nextIndex))
                {
                    Visit(next);
                    lowLinks[node] = Math.Min(lowLinks[node], lowLinks[next]);
                }
                else if (stack.Contains(next))
                {
                    lowLinks[node] = Math.Min(lowLinks[node], nextIndex);
                }
            }

            if (lowLinks[node] != indices[node])
            {
                return;
            }

            var component = new List<string>();
            string member;
            do
            {
                member = stack.Pop();
                component.Add(member);
            }
            while (member != node);

            if (component.Count > 1)
            {
                var ties = component.SelectMany(a => EdgesOf(a).Where(e => component.Contains(e.Key)).Select(e => $"    {a} -> {e.Key}: {e.Value}"));
                cycles.Add($"  {string.Join(" <-> ", component.Order(StringComparer.Ordinal))}{Environment.NewLine}{string.Join(Environment.NewLine, ties)}");
            }
        }

        foreach (var node in _edges.Keys.ToList())
        {
            if (!indices.ContainsKey(node))
            {
                Visit(node);
            }
        }

        return cycles;
    }

    private static bool IsGenerated(Type type) => type.IsDefined(typeof(GeneratedCodeAttribute), inherit: false);

    private Dictionary<string, string> EdgesOf(string node) =>
        _edges.TryGetValue(node, out var edges) ? edges : _edges[node] = [];

    private static string Name(Type type) => type.DeclaringType is { } outer && type.Name.StartsWith('<') ? Name(outer) : type.Name;
}
