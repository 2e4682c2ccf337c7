using System.Globalization;

namespace Nightshift.Activities.Kernels.Snf;

/// <summary><c>--name value</c> pairs of a kernel's command line; a missing or malformed one is an error naming it.</summary>
internal sealed class SnfArgs
{
    private readonly Dictionary<string, string> values = new(StringComparer.Ordinal);
    private readonly string kernel;

    public SnfArgs(string kernel, IReadOnlyList<string> arguments)
    {
        this.kernel = kernel;
        for (var i = 0; i < arguments.Count; i++)
        {
            var name = arguments[i];
            if (!name.StartsWith("--", StringComparison.Ordinal) || i + 1 >= arguments.Count)
            {
                throw new SnfUsageException($"{kernel}: expected '--name value' pairs, got '{name}'");
            }

            values[name[2..]] = arguments[++i];
        }
    }

    public string Text(string name)
        => values.TryGetValue(name, out var v) && v.Length > 0 ? v : throw new SnfUsageException($"{kernel}: missing --{name}");

    public string? Optional(string name) => values.GetValueOrDefault(name);

    public double Number(string name, double fallback)
        => values.TryGetValue(name, out var v)
            ? double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : throw new SnfUsageException($"{kernel}: --{name} must be a number, not '{v}'")
            : fallback;

    public IReadOnlyList<string> List(string name) => Text(name).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The raw data root (<c>--raw</c>) and the production's output root (<c>--prod</c>).</summary>
    public SnfLayout Layout() => new(Text("raw"), Text("prod"));
}
