using Nightshift.Durable;

namespace Nightshift.Workflows.Production;

/// <summary>A production run ended with failed plans; the message lists them.</summary>
public sealed class ProductionFailedException : NightshiftException
{
    /// <summary>Creates the exception.</summary>
    public ProductionFailedException(string message)
        : base(message)
    {
    }
}
