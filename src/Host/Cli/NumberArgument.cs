using System.CommandLine.Parsing;
using System.Globalization;

namespace Nightshift.Host.Cli;

/// <summary>
/// Parsers for numeric options that name the option and the bad value in one line; a validator would run
/// after a failed conversion and could not read the value.
/// </summary>
internal static class NumberArgument
{
    /// <summary>A parser for whole numbers from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static Func<ArgumentResult, int> WholeNumber(int min, int max = int.MaxValue) => result =>
    {
        var text = Token(result);
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        result.AddError(max == int.MaxValue
            ? $"{Name(result)} must be a whole number of at least {min}, not '{text}'"
            : $"{Name(result)} must be a whole number from {min} to {max}, not '{text}'");
        return 0;
    };

    public static double PositiveSeconds(ArgumentResult result)
    {
        var text = Token(result);
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 && value <= TimeSpan.MaxValue.TotalSeconds / 2)
        {
            return value;
        }

        result.AddError($"{Name(result)} must be a positive number of seconds, not '{text}'");
        return 0;
    }

    private static string Token(ArgumentResult result) => result.Tokens.Count == 1 ? result.Tokens[0].Value : "";

    private static string Name(ArgumentResult result) => (result.Parent as OptionResult)?.Option.Name ?? result.Argument.Name;
}
