using System.Numerics;
using System.Text;

namespace Nightshift.Activities.Kernels.Facet;

/// <summary>
/// The visibilities of one field: every antenna pair p &lt; q, every time slot and channel, plus the geometry needed to
/// compute (u, v, w) towards any phase centre. The on-disk format is described in README.md ("NSVIS001").
/// </summary>
public sealed class Visibilities
{
    private const string Magic = "NSVIS001";

    /// <summary>Creates an empty (all-zero) data set.</summary>
    public Visibilities(double raDeg, double decDeg, double[][] antennaXyz, double[] lst, int[] chunk, double[] frequencies)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(antennaXyz.Length, 2);
        if (lst.Length != chunk.Length)
        {
            throw new ArgumentException("one chunk index is needed per time slot", nameof(chunk));
        }

        RaDeg = raDeg;
        DecDeg = decDeg;
        AntennaXyz = antennaXyz;
        Lst = lst;
        Chunk = chunk;
        Frequencies = frequencies;
        var p = new List<int>();
        var q = new List<int>();
        for (var a = 0; a < antennaXyz.Length; a++)
        {
            for (var b = a + 1; b < antennaXyz.Length; b++)
            {
                p.Add(a);
                q.Add(b);
            }
        }

        Antenna1 = [.. p];
        Antenna2 = [.. q];
        Data = new Complex[TimeCount * BaselineCount * ChannelCount];
    }

    /// <summary>Right ascension of the field centre (the phase centre of <see cref="Data"/>), degrees.</summary>
    public double RaDeg { get; }

    /// <summary>Declination of the field centre, degrees.</summary>
    public double DecDeg { get; }

    /// <summary>Antenna positions in metres, Earth-fixed equatorial frame (see README).</summary>
    public double[][] AntennaXyz { get; }

    /// <summary>Local sidereal time of each time slot, radians.</summary>
    public double[] Lst { get; }

    /// <summary>The time chunk each slot belongs to.</summary>
    public int[] Chunk { get; }

    /// <summary>Channel frequencies in Hz.</summary>
    public double[] Frequencies { get; }

    /// <summary>First antenna of each baseline.</summary>
    public int[] Antenna1 { get; }

    /// <summary>Second antenna of each baseline.</summary>
    public int[] Antenna2 { get; }

    /// <summary>Visibilities in Jy, indexed by <see cref="Index"/>.</summary>
    public Complex[] Data { get; private set; }

    /// <summary>Number of antennas.</summary>
    public int AntennaCount => AntennaXyz.Length;

    /// <summary>Number of baselines (antenna pairs without autocorrelations).</summary>
    public int BaselineCount => AntennaCount * (AntennaCount - 1) / 2;

    /// <summary>Number of time slots.</summary>
    public int TimeCount => Lst.Length;

    /// <summary>Number of channels.</summary>
    public int ChannelCount => Frequencies.Length;

    /// <summary>Position of (time, baseline, channel) in <see cref="Data"/>.</summary>
    public int Index(int time, int baseline, int channel) => (((time * BaselineCount) + baseline) * ChannelCount) + channel;

    /// <summary>A deep copy.</summary>
    public Visibilities Clone()
    {
        var copy = new Visibilities(RaDeg, DecDeg, AntennaXyz, Lst, Chunk, Frequencies) { Data = (Complex[])Data.Clone() };
        return copy;
    }

    /// <summary>(u, v, w) in metres of baseline <paramref name="baseline"/> at <paramref name="time"/> towards (RA, Dec).</summary>
    public (double U, double V, double W) Uvw(int time, int baseline, double raDeg, double decDeg)
    {
        var a = AntennaXyz[Antenna1[baseline]];
        var b = AntennaXyz[Antenna2[baseline]];
        return SkyGeometry.Uvw(a[0] - b[0], a[1] - b[1], a[2] - b[2], raDeg, decDeg, Lst[time]);
    }

    /// <summary>Writes the data set in the NSVIS001 format (through a temporary file and a rename).</summary>
    public void Write(string path)
    {
        var temp = $"{path}.tmp{Environment.ProcessId}";
        using (var stream = File.Create(temp))
        using (var w = new BinaryWriter(stream, Encoding.ASCII))
        {
            w.Write(Encoding.ASCII.GetBytes(Magic));
            w.Write(AntennaCount);
            w.Write(TimeCount);
            w.Write(ChannelCount);
            w.Write(RaDeg);
            w.Write(DecDeg);
            foreach (var xyz in AntennaXyz)
            {
                w.Write(xyz[0]);
                w.Write(xyz[1]);
                w.Write(xyz[2]);
            }

            for (var t = 0; t < TimeCount; t++)
            {
                w.Write(Lst[t]);
                w.Write(Chunk[t]);
            }

            foreach (var f in Frequencies)
            {
                w.Write(f);
            }

            foreach (var v in Data)
            {
                w.Write((float)v.Real);
                w.Write((float)v.Imaginary);
            }
        }

        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Reads a file written by <see cref="Write"/>; a wrong magic or a short file throws <see cref="FormatException"/>.</summary>
    public static Visibilities Read(string path)
    {
        using var stream = File.OpenRead(path);
        using var r = new BinaryReader(stream, Encoding.ASCII);
        try
        {
            var magic = Encoding.ASCII.GetString(r.ReadBytes(Magic.Length));
            if (magic != Magic)
            {
                throw new FormatException($"{path}: not an NSVIS001 visibility file (magic '{magic}')");
            }

            var nant = r.ReadInt32();
            var ntime = r.ReadInt32();
            var nchan = r.ReadInt32();
            var ra = r.ReadDouble();
            var dec = r.ReadDouble();
            var xyz = new double[nant][];
            for (var a = 0; a < nant; a++)
            {
                xyz[a] = [r.ReadDouble(), r.ReadDouble(), r.ReadDouble()];
            }

            var lst = new double[ntime];
            var chunk = new int[ntime];
            for (var t = 0; t < ntime; t++)
            {
                lst[t] = r.ReadDouble();
                chunk[t] = r.ReadInt32();
            }

            var freq = new double[nchan];
            for (var c = 0; c < nchan; c++)
            {
                freq[c] = r.ReadDouble();
            }

            var vis = new Visibilities(ra, dec, xyz, lst, chunk, freq);
            for (var i = 0; i < vis.Data.Length; i++)
            {
                var re = r.ReadSingle();
                var im = r.ReadSingle();
                vis.Data[i] = new Complex(re, im);
            }

            return vis;
        }
        catch (EndOfStreamException)
        {
            throw new FormatException($"{path}: the visibility file is truncated");
        }
    }
}
