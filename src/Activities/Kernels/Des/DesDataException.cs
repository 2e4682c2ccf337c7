using Nightshift.Durable;

namespace Nightshift.Activities.Kernels.Des;

/// <summary>A DES kernel's input is missing, malformed or unusable; the message names the file and the problem.</summary>
public sealed class DesDataException : NightshiftException
{
    /// <summary>Creates the exception for <paramref name="fileName"/>.</summary>
    public DesDataException(string fileName, string problem)
        : base($"'{fileName}': {problem}")
    {
        FileName = fileName;
    }

    /// <summary>The file concerned.</summary>
    public string FileName { get; }
}
