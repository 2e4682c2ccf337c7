using System.Globalization;

namespace Nightshift.Activities.Kernels.Common;

/// <summary>
/// The <c>--name value</c> options of a kernel's command line, each possibly repeated (in order). Every word is taken as
/// it is: a value may start with a dash, because a batch job passes paths and names it did not choose.
/// </summary>
internal sealed class KernelArguments
{
    private readonly Dictionary<string, List<string>> values = new(StringComparer.Ordinal);

    private KernelArguments()
    {
    }

    /// <summary>Reads <paramref name="arguments"/>; an option not in <paramref name="known"/>, or without its value, is a usage error naming it.</summary>
    public static KernelArguments Parse(IReadOnlyList<string> arguments, IReadOnlyCollection<string> known)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(known);
        var parsed = new KernelArguments();
        for (var i = 0; i < arguments.Count; i += 2)
        {
            var word = arguments[i];
            if (!word.StartsWith("--", StringComparison.Ordinal) || !known.Contains(word[2..]))
            {
                throw new KernelUsageException($"unknown option '{word}' (known: {string.Join(", ", known.Select(k => "--" + k))})");
            }

            if (i + 1 >= arguments.Count)
            {
                throw new KernelUsageException($"option '{word}' needs a value");
            }

            var name = word[2..];
            if (!parsed.values.TryGetValue(name, out var list))
            {
                parsed.values[name] = list = [];
            }

            list.Add(arguments[i + 1]);
        }

        return parsed;
    }

    /// <summary>Every value of <c>--name</c>, in order.</summary>
    public IReadOnlyList<string> All(string name) => values.TryGetValue(name, out var list) ? list : [];

    /// <summary>The one value of <c>--name</c>, or null when absent; a second value is an error.</summary>
    public string? Optional(string name) => All(name) switch
    {
        [] => null,
        [var one] => one,
        _ => throw new KernelUsageException($"option '--{name}' is given more than once"),
    };

    /// <summary>The one value of <c>--name</c>; its absence is an error.</summary>
    public string Required(string name) => Optional(name) ?? throw new KernelUsageException($"option '--{name}' is required");

    /// <summary>The one value of <c>--name</c> as a whole number of at least <paramref name="minimum"/>.</summary>
    public int Integer(string name, int minimum) =>
        int.TryParse(Required(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= minimum
            ? value
            : throw new KernelUsageException($"option '--{name}' must be a whole number of at least {minimum}, not '{Required(name)}'");
}
