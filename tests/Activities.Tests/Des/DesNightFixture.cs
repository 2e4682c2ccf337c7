using Nightshift.Activities.Kernels.Des;

namespace Nightshift.Activities.Tests.Des;

/// <summary>
/// One small synthetic night shared by the DES tests: one field, one template and one search exposure, four central CCDs
/// (28, 29, 35, 36), the sparse CCD 45 and the corrupt CCD 17, each processed through the single-epoch chain once, then
/// every good search CCD differenced against the template CCDs.
/// </summary>
internal sealed class DesNightFixture
{
    public static readonly int[] GoodCcds = [28, 29, 35, 36];

    private static readonly Lazy<DesNightFixture> Shared = new(() => new DesNightFixture(), LazyThreadSafetyMode.ExecutionAndPublication);

    private DesNightFixture()
    {
        Directory = Path.Combine(Path.GetTempPath(), "ns-des-tests", $"night-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Night = DesNightGenerator.Generate(new DesNightConfig
        {
            Fields = 1,
            TemplatesPerField = 1,
            SearchesPerField = 1,
            Ccds = [.. GoodCcds, 45, 17],
            TransientsPerCcd = 10,
        }, Path.Combine(Directory, "night"));
        Reduction = Path.Combine(Directory, "red");
        CcdTruth = Night.ReadCcdTruth();
        SourceTruth = Night.ReadSourceTruth();
        Template = Night.Exposures.Single(e => e.Kind == DesExposureKind.Template);
        Search = Night.Exposures.Single(e => e.Kind == DesExposureKind.Search);
        foreach (var exposure in Night.Exposures)
        {
            foreach (var ccd in Night.ProcessedCcds(exposure))
            {
                try
                {
                    Processed[(exposure.ExpNum, ccd)] = DesCcdChain.Run(Night, exposure.ExpNum, ccd, Reduction);
                }
                catch (Exception e) when (e is DesDataException or Nightshift.Activities.Fits.FitsFormatException)
                {
                    Failures[(exposure.ExpNum, ccd)] = e;
                }
            }
        }

        var templates = Processed.Where(p => p.Key.ExpNum == Template.ExpNum).Select(p => p.Value.Products.AsDiffInput).ToList();
        foreach (var ccd in GoodCcds)
        {
            var search = Processed[(Search.ExpNum, ccd)].Products;
            Diffs[ccd] = DiffImagingKernel.Run(search.AsDiffInput, templates, search.DiffBase);
        }
    }

    public static DesNightFixture Instance => Shared.Value;

    public string Directory { get; }

    public string Reduction { get; }

    public DesNight Night { get; }

    public DesExposure Template { get; }

    public DesExposure Search { get; }

    public IReadOnlyList<DesCcdTruth> CcdTruth { get; }

    public IReadOnlyList<DesTruthSource> SourceTruth { get; }

    public Dictionary<(int ExpNum, int Ccd), (DesCcdProducts Products, AstrometryResult Astrometry, PsfResult Psf, CalibrationResult Calibration)> Processed { get; } = [];

    public Dictionary<(int ExpNum, int Ccd), Exception> Failures { get; } = [];

    public Dictionary<int, DiffImagingResult> Diffs { get; } = [];

    public DesCcdTruth Truth(int expNum, int ccd) => CcdTruth.Single(t => t.ExpNum == expNum && t.Ccd == ccd);
}
