using Nightshift.Durable;

namespace Nightshift.Activities.Fits;

/// <summary>A FITS file could not be read or does not hold what a kernel needs; the message names the file and the problem.</summary>
public sealed class FitsFormatException : NightshiftException
{
    /// <summary>Creates the exception for <paramref name="fileName"/>.</summary>
    public FitsFormatException(string fileName, string problem)
        : base($"FITS file '{fileName}': {problem}")
    {
        FileName = fileName;
        Problem = problem;
    }

    /// <summary>The file that was being read (or "(in memory)" for a header that came from no file).</summary>
    public string FileName { get; }

    /// <summary>What is wrong with it.</summary>
    public string Problem { get; }
}
