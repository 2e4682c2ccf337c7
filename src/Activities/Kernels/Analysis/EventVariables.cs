namespace Nightshift.Activities.Kernels.Analysis;

/// <summary>
/// The event-level variables that cuts and histograms may name, computed from the selected objects of each event.
/// A variable that does not exist for an event (the leading jet of an event without jets) is NaN: every cut on it
/// fails and no histogram is filled with it.
/// </summary>
internal static class EventVariables
{
    /// <summary>The names a configuration may use, in column order.</summary>
    public static readonly IReadOnlyList<string> Names =
    [
        "nJet", "nBJet", "nMuon", "nElectron", "nLepton",
        "JetPt1", "JetEta1", "JetPt2", "JetEta2", "BJetPt1",
        "MuonPt1", "ElectronPt1", "LeptonPt1", "LeptonEta1",
        "HT", "MET", "mjj", "mbb", "deltaEtajj",
    ];

    private static readonly Dictionary<string, int> Index = Names.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i, StringComparer.Ordinal);

    public static bool TryGetIndex(string name, out int index) => Index.TryGetValue(name, out index);

    /// <summary>Computes every variable for every event: <c>result[variable][event]</c>.</summary>
    public static double[][] Compute(EventChunk events, ObjectSelection objects)
    {
        var n = events.Count;
        var columns = new double[Names.Count][];
        for (var v = 0; v < columns.Length; v++)
        {
            columns[v] = new double[n];
        }

        Span<int> jets = stackalloc int[64];
        Span<int> bjets = stackalloc int[64];
        for (var e = 0; e < n; e++)
        {
            var jetCount = Select(events.Jets, e, objects.JetPt, objects.JetEta, jets);
            var bCount = 0;
            var ht = 0.0;
            for (var j = 0; j < jetCount; j++)
            {
                ht += events.Jets.Pt[jets[j]];
                if (events.Jets.BTag![jets[j]] > objects.BTag && bCount < bjets.Length)
                {
                    bjets[bCount++] = jets[j];
                }
            }

            var muon = Leading(events.Muons, e, objects.MuonPt, objects.MuonEta, out var muonCount);
            var electron = Leading(events.Electrons, e, objects.ElectronPt, objects.ElectronEta, out var electronCount);
            var muonPt = muon < 0 ? double.NaN : events.Muons.Pt[muon];
            var electronPt = electron < 0 ? double.NaN : events.Electrons.Pt[electron];
            var leptonIsMuon = muon >= 0 && (electron < 0 || muonPt >= electronPt);
            var leptonIsElectron = !leptonIsMuon && electron >= 0;

            columns[0][e] = jetCount;
            columns[1][e] = bCount;
            columns[2][e] = muonCount;
            columns[3][e] = electronCount;
            columns[4][e] = muonCount + electronCount;
            columns[5][e] = jetCount > 0 ? events.Jets.Pt[jets[0]] : double.NaN;
            columns[6][e] = jetCount > 0 ? events.Jets.Eta[jets[0]] : double.NaN;
            columns[7][e] = jetCount > 1 ? events.Jets.Pt[jets[1]] : double.NaN;
            columns[8][e] = jetCount > 1 ? events.Jets.Eta[jets[1]] : double.NaN;
            columns[9][e] = bCount > 0 ? events.Jets.Pt[bjets[0]] : double.NaN;
            columns[10][e] = muonPt;
            columns[11][e] = electronPt;
            columns[12][e] = leptonIsMuon ? muonPt : leptonIsElectron ? electronPt : double.NaN;
            columns[13][e] = leptonIsMuon ? events.Muons.Eta[muon] : leptonIsElectron ? events.Electrons.Eta[electron] : double.NaN;
            columns[14][e] = ht;
            columns[15][e] = events.MetPt[e];
            columns[16][e] = jetCount > 1 ? Mass(events.Jets, jets[0], jets[1]) : double.NaN;
            columns[17][e] = bCount > 1 ? Mass(events.Jets, bjets[0], bjets[1]) : double.NaN;
            columns[18][e] = jetCount > 1 ? Math.Abs(events.Jets.Eta[jets[0]] - (double)events.Jets.Eta[jets[1]]) : double.NaN;
        }

        return columns;
    }

    /// <summary>The invariant mass of two objects from (pt, eta, phi, mass), in double precision.</summary>
    public static double Mass(JaggedCollection c, int a, int b)
    {
        var (e1, x1, y1, z1) = FourVector(c, a);
        var (e2, x2, y2, z2) = FourVector(c, b);
        var e = e1 + e2;
        var x = x1 + x2;
        var y = y1 + y2;
        var z = z1 + z2;
        return Math.Sqrt(Math.Max(0, (e * e) - (x * x) - (y * y) - (z * z)));
    }

    private static (double E, double Px, double Py, double Pz) FourVector(JaggedCollection c, int i)
    {
        double pt = c.Pt[i];
        double eta = c.Eta[i];
        double phi = c.Phi[i];
        double m = c.Mass[i];
        var px = pt * Math.Cos(phi);
        var py = pt * Math.Sin(phi);
        var pz = pt * Math.Sinh(eta);
        return (Math.Sqrt((px * px) + (py * py) + (pz * pz) + (m * m)), px, py, pz);
    }

    // Objects are written pt-ordered, as NanoAOD is, so the first selected ones are the leading ones.
    private static int Select(JaggedCollection c, int e, double minPt, double maxEta, Span<int> selected)
    {
        var count = 0;
        for (var i = c.Offsets[e]; i < c.Offsets[e + 1] && count < selected.Length; i++)
        {
            if (c.Pt[i] > minPt && Math.Abs(c.Eta[i]) < maxEta)
            {
                selected[count++] = i;
            }
        }

        return count;
    }

    private static int Leading(JaggedCollection c, int e, double minPt, double maxEta, out int count)
    {
        count = 0;
        var first = -1;
        for (var i = c.Offsets[e]; i < c.Offsets[e + 1]; i++)
        {
            if (c.Pt[i] > minPt && Math.Abs(c.Eta[i]) < maxEta)
            {
                if (count++ == 0)
                {
                    first = i;
                }
            }
        }

        return first;
    }
}
