using Microsoft.Extensions.Configuration;
using Spectre.Console;

namespace ServerlessCqrs.Ops.Cli;

/// <summary>What every command works with: the app's settings, where to write, and the clock.</summary>
/// <param name="Configuration">The same settings the app reads (environment variables: <c>OPENOBSERVE_*</c>, <c>ConnectionStrings__*</c>, <c>Cqrs__*</c>).</param>
/// <param name="Console">Where results and failures go.</param>
/// <param name="Output">Standard output, for help text.</param>
/// <param name="Error">Standard error, for usage errors.</param>
/// <param name="Time">The clock the smoke test waits by.</param>
internal sealed record OpsContext(IConfiguration Configuration, OpsConsole Console, TextWriter Output, TextWriter Error, TimeProvider Time)
{
    private const int PlainWidth = 4096;

    /// <summary>The context of this process: its environment variables, its console.</summary>
    public static OpsContext ForProcess()
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        return For(configuration, System.Console.Out, System.Console.Error, interactive: !System.Console.IsOutputRedirected);
    }

    /// <summary>A context writing to these writers; colours and redraws only when <paramref name="interactive"/>.</summary>
    public static OpsContext For(IConfiguration configuration, TextWriter output, TextWriter error, bool interactive)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var console = new OpsConsole(Create(output, interactive), Create(error, interactive), Redactor.For(configuration));
        return new OpsContext(configuration, console, output, error, TimeProvider.System);
    }

    private static IAnsiConsole Create(TextWriter writer, bool interactive)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!interactive)
        {
            // A file or a pipe has no width: a failure stays one line, a table as wide as its cells.
            console.Profile.Width = PlainWidth;
        }

        return console;
    }
}
