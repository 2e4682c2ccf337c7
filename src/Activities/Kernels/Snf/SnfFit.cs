using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace Nightshift.Activities.Kernels.Snf;

/// <summary>The least-squares tools of the kernels: linear amplitudes, and simplex or golden-section searches for the rest.</summary>
internal static class SnfFit
{
    /// <summary>Least-squares coefficients of <paramref name="columns"/> for <paramref name="data"/>, and the residual sum of squares.</summary>
    public static (double[] Coefficients, double Rss) Linear(IReadOnlyList<double[]> columns, double[] data)
    {
        var k = columns.Count;
        var normal = Matrix<double>.Build.Dense(k, k);
        var rhs = Vector<double>.Build.Dense(k);
        for (var i = 0; i < k; i++)
        {
            rhs[i] = Dot(columns[i], data);
            for (var j = 0; j <= i; j++)
            {
                normal[i, j] = normal[j, i] = Dot(columns[i], columns[j]);
            }
        }

        // A tiny ridge keeps the normal matrix positive definite when a column is all but zero (a faded supernova).
        for (var i = 0; i < k; i++)
        {
            normal[i, i] += 1e-9 * (normal[i, i] + 1);
        }

        var coefficients = normal.Cholesky().Solve(rhs).ToArray();
        var rss = 0.0;
        for (var p = 0; p < data.Length; p++)
        {
            var model = 0.0;
            for (var i = 0; i < k; i++)
            {
                model += coefficients[i] * columns[i][p];
            }

            rss += (data[p] - model) * (data[p] - model);
        }

        return (coefficients, rss);
    }

    /// <summary>Minimum of a unimodal function on [a, b] by golden-section search.</summary>
    public static double Golden(Func<double, double> f, double a, double b, double tolerance = 1e-4)
    {
        var g = (Math.Sqrt(5) - 1) / 2;
        var c = b - (g * (b - a));
        var d = a + (g * (b - a));
        double fc = f(c), fd = f(d);
        while (b - a > tolerance)
        {
            if (fc < fd)
            {
                b = d;
                d = c;
                fd = fc;
                c = b - (g * (b - a));
                fc = f(c);
            }
            else
            {
                a = c;
                c = d;
                fc = fd;
                d = a + (g * (b - a));
                fd = f(d);
            }
        }

        return (a + b) / 2;
    }

    /// <summary>Minimum of <paramref name="f"/> by the Nelder–Mead simplex from <paramref name="start"/> with initial steps <paramref name="step"/>.</summary>
    public static double[] Simplex(Func<double[], double> f, double[] start, double[] step, int maxIterations = 2000)
    {
        var objective = ObjectiveFunction.Value(v => f(v.ToArray()));
        try
        {
            return NelderMeadSimplex.Minimum(objective, Vector<double>.Build.DenseOfArray(start), Vector<double>.Build.DenseOfArray(step), 1e-10, maxIterations)
                .MinimizingPoint.ToArray();
        }
        catch (MaximumIterationsException)
        {
            // The simplex crawls along a flat valley: a second start from where it stopped is not needed at this
            // scale; refit from the start with coarser tolerance instead.
            return NelderMeadSimplex.Minimum(objective, Vector<double>.Build.DenseOfArray(start), Vector<double>.Build.DenseOfArray(step), 1e-6, maxIterations * 5)
                .MinimizingPoint.ToArray();
        }
    }

    public static double Dot(double[] a, double[] b)
    {
        var s = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            s += a[i] * b[i];
        }

        return s;
    }

    public static double Median(IEnumerable<double> values)
    {
        var v = values.OrderBy(x => x).ToArray();
        return v.Length == 0 ? double.NaN : v.Length % 2 == 1 ? v[v.Length / 2] : (v[(v.Length / 2) - 1] + v[v.Length / 2]) / 2;
    }

    public static readonly double[] Ones = Enumerable.Repeat(1.0, SnfInstrument.Side * SnfInstrument.Side).ToArray();
}
