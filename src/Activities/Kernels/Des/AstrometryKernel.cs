using MathNet.Numerics.LinearAlgebra;
using Nightshift.Activities.Fits;
using Nightshift.Activities.Lap;

namespace Nightshift.Activities.Kernels.Des;

/// <summary>
/// Astrometry: find the offset of the CCD from its nominal header WCS by voting over detection-reference pairs, match
/// detections to the GAIA-style reference catalogue, and fit the CCD's linear TAN WCS (CD matrix and reference pixel about
/// the telescope's tangent point) with sigma clipping. Writes the catalogue with sky positions and reference magnitudes,
/// and the solution as JSON.
/// </summary>
public static class AstrometryKernel
{
    /// <summary>The kernel's name as a batch job runs it.</summary>
    public const string Name = "des-astrometry";

    /// <summary>Fewer matches than this give a shift-only solution, flagged.</summary>
    public const int MinimumMatches = 8;

    private const double SearchRadius = 60;

    /// <summary>
    /// Solves the CCD whose detrended image is <paramref name="image"/> (for the nominal WCS and size) and whose detections are
    /// in <paramref name="sources"/>; writes <paramref name="outputCatalog"/> and <paramref name="outputSolution"/>.
    /// </summary>
    public static AstrometryResult Run(string image, string sources, string reference, string outputCatalog, string outputSolution)
    {
        var header = FitsFile.Read(image);
        var nominal = TanWcs.FromHeader(header.Header);
        var w = header.Width;
        var h = header.Height;
        var detections = DesSourceCatalog.Read(sources);
        var refs = new List<(DesReferenceStar Star, double X, double Y)>();
        foreach (var star in DesReferenceCatalog.Read(reference))
        {
            var (x, y) = nominal.SkyToPixel(star.RaDeg, star.DecDeg);
            if (x > -SearchRadius && x < w + SearchRadius && y > -SearchRadius && y < h + SearchRadius)
            {
                refs.Add((star, x, y));
            }
        }

        var usable = detections.Where(d => d.Flags == 0 && d.Snr >= 10 && !double.IsNaN(d.Size)).OrderByDescending(d => d.FluxAper).Take(150).ToList();
        if (usable.Count < 2 || refs.Count < 2)
        {
            throw new DesDataException(sources, $"no astrometric solution: {usable.Count} usable detections and {refs.Count} reference stars near the CCD");
        }

        var (shiftX, shiftY, votes) = VoteOffset(usable, refs);
        if (votes < 2)
        {
            throw new DesDataException(sources, $"no astrometric solution: no consistent offset between {usable.Count} detections and {refs.Count} reference stars");
        }

        // Standard coordinates about the nominal tangent point, in degrees: the fit is linear in them.
        var standard = nominal with { CrPix1 = 1, CrPix2 = 1, Cd11 = 1, Cd12 = 0, Cd21 = 0, Cd22 = 1 };
        var wcs = nominal with { CrPix1 = nominal.CrPix1 + shiftX, CrPix2 = nominal.CrPix2 + shiftY };
        var radius = 4.0;
        List<(DesSource Det, DesReferenceStar Star)> matches = [];
        var flagged = false;
        string? reason = null;
        for (var iteration = 0; iteration < 6; iteration++)
        {
            matches = Match(usable, refs.Select(r => r.Star), wcs, radius);
            if (matches.Count < MinimumMatches)
            {
                flagged = true;
                reason = $"only {matches.Count} reference matches (minimum {MinimumMatches}): shift-only solution";
                if (matches.Count > 0)
                {
                    var dx = matches.Average(m => m.Det.X - wcs.SkyToPixel(m.Star.RaDeg, m.Star.DecDeg).X);
                    var dy = matches.Average(m => m.Det.Y - wcs.SkyToPixel(m.Star.RaDeg, m.Star.DecDeg).Y);
                    wcs = wcs with { CrPix1 = wcs.CrPix1 + dx, CrPix2 = wcs.CrPix2 + dy };
                }

                break;
            }

            wcs = Fit(matches, nominal, standard);
            var residuals = matches.Select(m => Residual(m, wcs)).ToList();
            var rms = Math.Sqrt(residuals.Average(r => r * r));
            // Tighten the match radius towards 3 sigma of the residuals, never below a pixel.
            radius = Math.Max(1.0, Math.Min(radius, 3 * rms));
        }

        var finalRms = matches.Count > 0 ? Math.Sqrt(matches.Average(m => Math.Pow(Residual(m, wcs), 2))) : double.NaN;
        var matchedIds = matches.ToDictionary(m => m.Det.Id, m => m.Star);
        var output = detections.Select(d =>
        {
            var (ra, dec) = wcs.PixelToSky(d.X, d.Y);
            return matchedIds.TryGetValue(d.Id, out var star)
                ? d with { RaDeg = ra, DecDeg = dec, RefId = star.SourceId, RefMag = star.Mag }
                : d with { RaDeg = ra, DecDeg = dec, RefId = -1, RefMag = double.NaN };
        }).ToList();
        var centre = (X: (w - 1) / 2.0, Y: (h - 1) / 2.0);
        var (cra, cdec) = wcs.PixelToSky(centre.X, centre.Y);
        var (nx, ny) = nominal.SkyToPixel(cra, cdec);
        var result = new AstrometryResult(wcs, matches.Count, finalRms, Math.Sqrt(Math.Pow(nx - centre.X, 2) + Math.Pow(ny - centre.Y, 2)), flagged, reason);
        DesSourceCatalog.Write(outputCatalog, output);
        LapKernelJson.Write(outputSolution, result);
        return result;
    }

    /// <summary>Reads a solution written by <see cref="Run"/>.</summary>
    public static AstrometryResult ReadSolution(string path) => DesNight.Read<AstrometryResult>(path);

    private static (double X, double Y, int Votes) VoteOffset(List<DesSource> detections, List<(DesReferenceStar Star, double X, double Y)> refs)
    {
        // A histogram of the offsets of every detection-reference pair: the true offset collects one vote per matched star,
        // chance pairs spread evenly.
        const double bin = 2.0;
        var nb = (int)(2 * SearchRadius / bin) + 1;
        var votes = new int[nb * nb];
        var brightRefs = refs.OrderBy(r => r.Star.Mag).Take(150).ToList();
        foreach (var d in detections)
        {
            foreach (var r in brightRefs)
            {
                var dx = d.X - r.X;
                var dy = d.Y - r.Y;
                if (Math.Abs(dx) < SearchRadius && Math.Abs(dy) < SearchRadius)
                {
                    var bx = (int)((dx + SearchRadius) / bin);
                    var by = (int)((dy + SearchRadius) / bin);
                    // Each pair votes in its bin and the neighbours, so an offset on a bin edge is not split.
                    for (var ky = Math.Max(0, by - 1); ky <= Math.Min(nb - 1, by + 1); ky++)
                    {
                        for (var kx = Math.Max(0, bx - 1); kx <= Math.Min(nb - 1, bx + 1); kx++)
                        {
                            votes[(ky * nb) + kx]++;
                        }
                    }
                }
            }
        }

        var best = 0;
        for (var i = 1; i < votes.Length; i++)
        {
            if (votes[i] > votes[best])
            {
                best = i;
            }
        }

        var cx = ((best % nb) + 0.5) * bin - SearchRadius;
        var cy = ((best / nb) + 0.5) * bin - SearchRadius;
        var near = new List<(double Dx, double Dy)>();
        foreach (var d in detections)
        {
            foreach (var r in brightRefs)
            {
                var dx = d.X - r.X;
                var dy = d.Y - r.Y;
                if (Math.Abs(dx - cx) <= 2 * bin && Math.Abs(dy - cy) <= 2 * bin)
                {
                    near.Add((dx, dy));
                }
            }
        }

        return near.Count == 0 ? (cx, cy, 0) : (near.Average(p => p.Dx), near.Average(p => p.Dy), near.Count);
    }

    private static List<(DesSource Det, DesReferenceStar Star)> Match(List<DesSource> detections, IEnumerable<DesReferenceStar> refs, TanWcs wcs, double radius)
    {
        // Nearest reference within the radius, and only pairs that are each other's nearest, so a blend cannot claim two stars.
        var projected = refs.Select(s => (Star: s, P: wcs.SkyToPixel(s.RaDeg, s.DecDeg))).ToList();
        var best = new Dictionary<long, (DesSource Det, double D)>();
        var pairs = new List<(DesSource Det, DesReferenceStar Star, double D)>();
        foreach (var d in detections)
        {
            var nearest = projected.Select(p => (p.Star, D: Math.Sqrt(Math.Pow(d.X - p.P.X, 2) + Math.Pow(d.Y - p.P.Y, 2))))
                .Where(p => p.D <= radius).OrderBy(p => p.D).FirstOrDefault();
            if (nearest.Star is null)
            {
                continue;
            }

            pairs.Add((d, nearest.Star, nearest.D));
            if (!best.TryGetValue(nearest.Star.SourceId, out var current) || nearest.D < current.D)
            {
                best[nearest.Star.SourceId] = (d, nearest.D);
            }
        }

        return [.. pairs.Where(p => best[p.Star.SourceId].Det.Id == p.Det.Id).Select(p => (p.Det, p.Star))];
    }

    private static TanWcs Fit(List<(DesSource Det, DesReferenceStar Star)> matches, TanWcs nominal, TanWcs standard)
    {
        // (xi, eta) = A (u, v) + b with u, v the pixel offsets from the nominal reference pixel; then CD = A and the reference
        // pixel moves by -A^-1 b, which keeps the tangent point at the telescope's pointing.
        var rows = matches.Count;
        var design = Matrix<double>.Build.Dense(rows, 3);
        var xi = Vector<double>.Build.Dense(rows);
        var eta = Vector<double>.Build.Dense(rows);
        for (var k = 0; k < rows; k++)
        {
            var (det, star) = matches[k];
            var (sx, sy) = standard.SkyToPixel(star.RaDeg, star.DecDeg);
            design[k, 0] = det.X + 1 - nominal.CrPix1;
            design[k, 1] = det.Y + 1 - nominal.CrPix2;
            design[k, 2] = 1;
            xi[k] = sx;
            eta[k] = sy;
        }

        var qr = design.QR();
        var a = qr.Solve(xi);
        var b = qr.Solve(eta);
        var det2 = (a[0] * b[1]) - (a[1] * b[0]);
        var du = -((b[1] * a[2]) - (a[1] * b[2])) / det2;
        var dv = -((-b[0] * a[2]) + (a[0] * b[2])) / det2;
        return nominal with { CrPix1 = nominal.CrPix1 + du, CrPix2 = nominal.CrPix2 + dv, Cd11 = a[0], Cd12 = a[1], Cd21 = b[0], Cd22 = b[1] };
    }

    private static double Residual((DesSource Det, DesReferenceStar Star) m, TanWcs wcs)
    {
        var (x, y) = wcs.SkyToPixel(m.Star.RaDeg, m.Star.DecDeg);
        return Math.Sqrt(Math.Pow(m.Det.X - x, 2) + Math.Pow(m.Det.Y - y, 2));
    }
}
