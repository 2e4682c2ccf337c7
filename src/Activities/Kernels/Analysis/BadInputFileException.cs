namespace Nightshift.Activities.Kernels.Analysis;

/// <summary>
/// A dataset's file cannot be read (missing, not Parquet, truncated, a column missing) and <c>skip-bad-files</c> is off:
/// the dataset fails with this reason.
/// </summary>
public sealed class BadInputFileException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BadInputFileException(string dataset, string file, string reason, Exception? inner = null)
        : base($"dataset {dataset}: file {file} cannot be read: {reason}", inner)
    {
        Dataset = dataset;
        File = file;
        Reason = reason;
    }

    /// <summary>Creates the exception.</summary>
    public BadInputFileException()
        : this("(unknown)", "(unknown)", "unreadable")
    {
    }

    /// <summary>Creates the exception.</summary>
    public BadInputFileException(string message)
        : this("(unknown)", "(unknown)", message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public BadInputFileException(string message, Exception inner)
        : this("(unknown)", "(unknown)", message, inner)
    {
    }

    /// <summary>The dataset.</summary>
    public string Dataset { get; }

    /// <summary>The file that cannot be read.</summary>
    public string File { get; }

    /// <summary>Why.</summary>
    public string Reason { get; }
}
