using System.Text;
using System.Text.RegularExpressions;

namespace Nightshift.Activities.Jobs;

/// <summary>Turns a spec into the words to execute, and quotes words for the backends that must go through sh.</summary>
internal static partial class JobCommandLine
{
    /// <summary>Throws a message naming the job and the field when the spec cannot run.</summary>
    public static void Validate(JobSpec spec, string jobKey)
    {
        if ((spec.Kernel is null) == (spec.Command is null))
        {
            throw new ArgumentException($"Job '{jobKey}': set exactly one of Kernel and Command.");
        }

        if (spec.Cpus < 1)
        {
            throw new ArgumentException($"Job '{jobKey}': Cpus must be at least 1, not {spec.Cpus}.");
        }

        foreach (var name in spec.Environment.Keys)
        {
            if (!EnvironmentName().IsMatch(name))
            {
                throw new ArgumentException($"Job '{jobKey}': environment variable name '{name}' is not a valid shell name.");
            }
        }

        if (spec.Arguments.Any(a => a.Contains('\0', StringComparison.Ordinal)))
        {
            throw new ArgumentException($"Job '{jobKey}': an argument contains a NUL character.");
        }
    }

    /// <summary>The program and its arguments, one word each.</summary>
    public static IReadOnlyList<string> Words(JobSpec spec, JobsOptions options)
    {
        var words = new List<string>();
        if (spec.Kernel is not null)
        {
            words.AddRange(options.KernelLauncher);
            words.Add(spec.Kernel);
        }
        else
        {
            words.Add(spec.Command!);
        }

        words.AddRange(spec.Arguments);
        return words;
    }

    /// <summary>One word for sh: single-quoted, with each quote closed, escaped and reopened, so nothing expands.</summary>
    public static string Quote(string word)
    {
        var sb = new StringBuilder(word.Length + 2);
        sb.Append('\'');
        foreach (var c in word)
        {
            if (c == '\'')
            {
                sb.Append("'\\''");
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.Append('\'').ToString();
    }

    /// <summary>Several words for sh.</summary>
    public static string Quote(IEnumerable<string> words) => string.Join(' ', words.Select(Quote));

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvironmentName();
}
