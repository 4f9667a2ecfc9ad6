using System.Collections.Concurrent;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace ServerlessCqrs.Http.ApiDescription;

/// <summary>
/// The XML documentation comments the compiler writes beside each assembly (<c>GenerateDocumentationFile</c>):
/// a type's or property's <c>&lt;summary&gt;</c>, and a positional record's <c>&lt;param&gt;</c>, as Markdown.
/// An assembly shipped without its <c>.xml</c> simply has no descriptions.
/// </summary>
internal sealed partial class XmlDocumentation
{
    private readonly ConcurrentDictionary<Assembly, IReadOnlyDictionary<string, XElement>> _members = new();

    /// <summary>The summary of a type, or <see langword="null"/>.</summary>
    public string? Of(Type type) => Text(Member(type.Assembly, "T:" + IdOf(type))?.Element("summary"));

    /// <summary>The summary of a property, or its positional record parameter's description, or <see langword="null"/>.</summary>
    public string? Of(PropertyInfo property)
    {
        var type = property.DeclaringType!;
        return Text(Member(type.Assembly, $"P:{IdOf(type)}.{property.Name}")?.Element("summary"))
            ?? Text(Member(type.Assembly, "T:" + IdOf(type))?.Elements("param").FirstOrDefault(p => (string?)p.Attribute("name") == property.Name));
    }

    /// <summary>The first sentence of a description: an operation's summary.</summary>
    public static string? FirstSentence(string? description)
    {
        if (description is null)
        {
            return null;
        }

        var end = SentenceEnd().Match(description);
        return end.Success ? description[..(end.Index + 1)] : description;
    }

    private XElement? Member(Assembly assembly, string id) =>
        _members.GetOrAdd(assembly, Load).GetValueOrDefault(id);

    private static IReadOnlyDictionary<string, XElement> Load(Assembly assembly)
    {
        var file = string.IsNullOrEmpty(assembly.Location) ? null : Path.ChangeExtension(assembly.Location, ".xml");
        if (file is null || !File.Exists(file))
        {
            return new Dictionary<string, XElement>();
        }

        return XDocument.Load(file).Descendants("member")
            .Where(m => m.Attribute("name") is not null)
            .GroupBy(m => (string)m.Attribute("name")!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    private static string IdOf(Type type) => (type.FullName ?? type.Name).Replace('+', '.');

    /// <summary>The element's text as one Markdown paragraph: code in backticks, references by their short name.</summary>
    private static string? Text(XElement? element)
    {
        if (element is null)
        {
            return null;
        }

        var text = new StringBuilder();
        foreach (var node in element.Nodes())
        {
            text.Append(node switch
            {
                XText plain => plain.Value,
                XElement { Name.LocalName: "c" or "code" } code => $"`{code.Value}`",
                XElement { Name.LocalName: "see" or "seealso" } see => $"`{Referenced(see)}`",
                XElement { Name.LocalName: "paramref" or "typeparamref" } reference => $"`{(string?)reference.Attribute("name")}`",
                XElement other => other.Value,
                _ => "",
            });
        }

        var collapsed = Whitespace().Replace(text.ToString(), " ").Trim();
        return collapsed.Length == 0 ? null : collapsed;
    }

    private static string Referenced(XElement see)
    {
        if ((string?)see.Attribute("langword") is { } word)
        {
            return word;
        }

        var cref = (string?)see.Attribute("cref") ?? see.Value;
        var name = cref[(cref.IndexOf(':', StringComparison.Ordinal) + 1)..];
        var generic = name.IndexOf('`', StringComparison.Ordinal);
        name = generic < 0 ? name : name[..generic];
        return name[(name.LastIndexOf('.') + 1)..];
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\.(\s|$)")]
    private static partial Regex SentenceEnd();
}
