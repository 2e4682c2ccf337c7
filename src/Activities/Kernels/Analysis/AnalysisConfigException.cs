namespace Nightshift.Activities.Kernels.Analysis;

/// <summary>
/// An analysis configuration, a dataset definition or a run-options file is wrong. It names the file and the key
/// (for example <c>histograms.mjj.bins</c>) so that the launcher can exit 2 with a message the analyst can act on.
/// </summary>
public sealed class AnalysisConfigException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AnalysisConfigException(string file, string key, string problem, Exception? inner = null)
        : base($"{file}: {key}: {problem}", inner)
    {
        File = file;
        Key = key;
        Problem = problem;
    }

    /// <summary>Creates the exception.</summary>
    public AnalysisConfigException()
        : this("(unknown)", "(unknown)", "bad analysis configuration")
    {
    }

    /// <summary>Creates the exception.</summary>
    public AnalysisConfigException(string message)
        : this("(unknown)", "(unknown)", message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public AnalysisConfigException(string message, Exception inner)
        : this("(unknown)", "(unknown)", message, inner)
    {
    }

    /// <summary>The file at fault.</summary>
    public string File { get; }

    /// <summary>The key at fault, as a dotted path.</summary>
    public string Key { get; }

    /// <summary>What is wrong with it.</summary>
    public string Problem { get; }
}
