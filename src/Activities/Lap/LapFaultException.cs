using System.Globalization;

namespace Nightshift.Activities.Lap;

/// <summary>A LAP step failed with a fault class; the class travels in the message ("fault N: …") because failures are stored as text.</summary>
public sealed class LapFaultException : Exception
{
    private const string Prefix = "fault ";

    /// <summary>Creates the exception.</summary>
    public LapFaultException(int fault, string message, Exception? inner = null)
        : base($"{Prefix}{fault.ToString(CultureInfo.InvariantCulture)}: {message}", inner)
    {
        Fault = fault;
    }

    /// <summary>Creates an exception of class 4 (for serialisers and analyzers that want the usual constructors).</summary>
    public LapFaultException()
        : this(LapFault.Programming, "unspecified")
    {
    }

    /// <summary>Creates an exception of class 4.</summary>
    public LapFaultException(string message)
        : this(LapFault.Programming, message)
    {
    }

    /// <summary>Creates an exception of class 4.</summary>
    public LapFaultException(string message, Exception inner)
        : this(LapFault.Programming, message, inner)
    {
    }

    /// <summary>The fault class.</summary>
    public int Fault { get; }

    /// <summary>Reads the class back from a message written by this type.</summary>
    public static bool TryParse(string message, out int fault)
    {
        fault = 0;
        if (message is null || !message.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var colon = message.IndexOf(':', StringComparison.Ordinal);
        return colon > Prefix.Length && int.TryParse(message.AsSpan(Prefix.Length, colon - Prefix.Length), NumberStyles.Integer, CultureInfo.InvariantCulture, out fault);
    }
}
