namespace Nightshift.Durable;

/// <summary>The base of every exception that Nightshift itself throws.</summary>
public class NightshiftException : Exception
{
    /// <summary>Creates the exception.</summary>
    public NightshiftException(string message) : base(message) { }

    /// <summary>Creates the exception with a cause.</summary>
    public NightshiftException(string message, Exception? innerException) : base(message, innerException) { }
}
