namespace Nightshift.Activities.Kernels.Snf;

/// <summary>Reads gs_psf's models of the science exposures of several nights.</summary>
internal static class GuidePsf
{
    public static Dictionary<string, ExposurePsf> Load(SnfLayout layout, IEnumerable<string> nights)
        => nights.SelectMany(n => SnfLayout.Read<List<ExposurePsf>>(layout.GuidePsf(n))).ToDictionary(p => p.Id, StringComparer.Ordinal);

    public static ExposurePsf Find(Dictionary<string, ExposurePsf> models, string exposure, SnfLayout layout)
        => models.TryGetValue(exposure, out var model)
            ? model
            : throw new SnfDataException($"no PSF model of exposure {exposure} in the gs_psf products of {layout.Prod}");
}
