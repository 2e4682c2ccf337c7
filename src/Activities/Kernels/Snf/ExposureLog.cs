namespace Nightshift.Activities.Kernels.Snf;

/// <summary>One exposure in a night's log: <c>standard</c> (a catalogue star) or <c>science</c> (a followed target).</summary>
internal sealed record ExposureLog(string Id, string Kind, string Object, double Mjd, double Exptime, double Airmass)
{
    public const string Standard = "standard";
    public const string Science = "science";
}
