namespace Nightshift.Activities.Kernels.Snf;

/// <summary>A field star's position on the photometric channel (from the field's astrometric catalogue; its flux is not known).</summary>
internal sealed record FieldStar(double X, double Y);
