using System.Globalization;
using System.Text;

namespace ServerlessCqrs.Infra.Tests.Bicep;

/// <summary>Reads ARM template expressions: names, 'strings' ('' escapes a quote), whole numbers and punctuation.</summary>
internal sealed class ArmExpressionReader(string text)
{
    private int _at;

    public bool TryTake(char c)
    {
        SkipSpaces();
        if (_at < text.Length && text[_at] == c)
        {
            _at++;
            return true;
        }

        return false;
    }

    public void Expect(char c)
    {
        if (!TryTake(c))
        {
            throw new FormatException($"Expected '{c}' at {_at} in {text}.");
        }
    }

    public void ExpectEnd()
    {
        SkipSpaces();
        if (_at != text.Length)
        {
            throw new FormatException($"Unexpected '{text[_at..]}' in {text}.");
        }
    }

    public string Identifier()
    {
        SkipSpaces();
        var start = _at;
        while (_at < text.Length && (char.IsLetterOrDigit(text[_at]) || text[_at] == '_'))
        {
            _at++;
        }

        return _at > start ? text[start.._at] : throw new FormatException($"Expected a name at {start} in {text}.");
    }

    public bool TryString(out string value)
    {
        value = "";
        if (!TryTake('\''))
        {
            return false;
        }

        var builder = new StringBuilder();
        while (true)
        {
            var c = text[_at++];
            if (c == '\'' && _at < text.Length && text[_at] == '\'')
            {
                builder.Append('\'');
                _at++;
            }
            else if (c == '\'')
            {
                value = builder.ToString();
                return true;
            }
            else
            {
                builder.Append(c);
            }
        }
    }

    public bool TryNumber(out long value)
    {
        SkipSpaces();
        var start = _at;
        while (_at < text.Length && (char.IsDigit(text[_at]) || (_at == start && text[_at] == '-')))
        {
            _at++;
        }

        if (long.TryParse(text[start.._at], CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        _at = start;
        return false;
    }

    private void SkipSpaces()
    {
        while (_at < text.Length && text[_at] == ' ')
        {
            _at++;
        }
    }
}
