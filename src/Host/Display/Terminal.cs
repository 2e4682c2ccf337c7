using Spectre.Console;

namespace Nightshift.Host.Display;

/// <summary>
/// The two consoles: results (tables, JSON, ids) go to stdout, progress and messages to stderr, so that
/// <c>--json</c> output and <c>$(nightshift run --detach)</c> stay clean.
/// </summary>
internal static class Terminal
{
    public static IAnsiConsole Out { get; } = Create(Console.Out, Console.IsOutputRedirected);

    public static IAnsiConsole Error { get; } = Create(Console.Error, Console.IsErrorRedirected);

    /// <summary>True when stderr is a terminal that can redraw a live progress bar.</summary>
    public static bool ErrorIsLive => !Console.IsErrorRedirected && Error.Profile.Capabilities.Ansi;

    /// <summary>Writes one message line to stderr, prefixed with the program name.</summary>
    public static void Message(string text) => Console.Error.WriteLine($"nightshift: {text}");

    private static IAnsiConsole Create(TextWriter writer, bool redirected)
    {
        // Escape codes only on a terminal: a file or pipe gets plain text whatever TERM says.
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = redirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = redirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
        });
        if (redirected)
        {
            // Off a terminal Spectre assumes 80 columns, which wraps every table; files and pipes have no width.
            console.Profile.Width = 200;
        }

        return console;
    }
}
