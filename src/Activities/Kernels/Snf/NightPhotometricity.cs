namespace Nightshift.Activities.Kernels.Snf;

/// <summary>photometricity's flag for a night: photometric when the standards agree with one extinction law within MaxRms.</summary>
internal sealed record NightPhotometricity(string Night, bool Photometric, double Rms, double MaxRms, int Standards);
