namespace Nightshift.Activities.Kernels.Snf;

/// <summary><c>targets/T/fluxsol.json</c>: the calibration of each good epoch of a target and the reference epoch.</summary>
internal sealed record TargetFluxSolution(string Target, string Reference, IReadOnlyList<EpochCalibration> Epochs);
