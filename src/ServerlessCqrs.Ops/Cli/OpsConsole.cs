using Spectre.Console;
using Spectre.Console.Rendering;

namespace ServerlessCqrs.Ops.Cli;

/// <summary>
/// Where the CLI writes: results to standard output, failures to standard error, both through
/// Spectre.Console — colours, tables with rounded borders and progress bars on a terminal; plain text,
/// markdown tables and one line per step when the output is redirected. Every text passes the
/// <see cref="Redactor"/> first.
/// </summary>
internal sealed class OpsConsole(IAnsiConsole output, IAnsiConsole errors, Redactor redactor)
{
    /// <summary>Whether a person is watching: a terminal that takes colours and redraws.</summary>
    public bool IsInteractive => output.Profile.Capabilities is { Interactive: true, Ansi: true };

    /// <summary>Writes a line as it is (no markup).</summary>
    public void Line(string text) => output.WriteLine(redactor.Redact(text));

    /// <summary>Writes a line that reports something done or found in order.</summary>
    public void Success(string text) => output.MarkupLine($"[green]✓[/] {Escape(text)}");

    /// <summary>Writes a line that reports something that needs attention but is not a failure.</summary>
    public void Warning(string text) => output.MarkupLine($"[yellow]![/] {Escape(text)}");

    /// <summary>Writes a failure to standard error: one line that says what was wrong.</summary>
    public void Failure(string text) => errors.MarkupLine($"[red]✗[/] {Escape(text)}");

    /// <summary>A table with these columns, bordered for a terminal or as markdown for a file.</summary>
    public Table Table(params string[] columns)
    {
        var table = new Table().Border(IsInteractive ? TableBorder.Rounded : TableBorder.Markdown);
        foreach (var column in columns)
        {
            table.AddColumn(new TableColumn(Escape(column)));
        }

        return table;
    }

    /// <summary>Adds a row of plain (redacted, escaped) cells.</summary>
    public void AddRow(Table table, params string[] cells) => table.AddRow([.. cells.Select(c => new Text(redactor.Redact(c)))]);

    /// <summary>Writes a table or any other renderable.</summary>
    public void Write(IRenderable renderable) => output.Write(renderable);

    /// <summary>Asks a yes-or-no question on the terminal (default no).</summary>
    public Task<bool> ConfirmAsync(string question, CancellationToken cancellationToken) =>
        new ConfirmationPrompt(Escape(question)) { DefaultValue = false }.ShowAsync(output, cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/>, showing its steps: a progress bar on a terminal, a line per step
    /// otherwise. <paramref name="work"/> reports each step it finishes.
    /// </summary>
    public async Task<T> ProgressAsync<T>(string title, int steps, Func<IProgress<string>, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (!IsInteractive)
        {
            return await work(new LineProgress(this));
        }

        return await output.Progress().AutoClear(true).StartAsync(async context =>
        {
            var task = context.AddTask(Escape(title), maxValue: Math.Max(1, steps));
            if (steps <= 0)
            {
                task.IsIndeterminate = true;
            }

            return await work(new BarProgress(task, this));
        });
    }

    private string Escape(string text) => Markup.Escape(redactor.Redact(text));

    private sealed class LineProgress(OpsConsole console) : IProgress<string>
    {
        public void Report(string value) => console.Line(value);
    }

    private sealed class BarProgress(ProgressTask task, OpsConsole console) : IProgress<string>
    {
        public void Report(string value)
        {
            task.Description = console.Escape(value);
            task.Increment(1);
        }
    }
}
