using Nightshift.Activities.Kernels.Analysis;

namespace Nightshift.Activities.Tests.Analysis;

[TestClass]
public sealed class ExactSumTests
{
    [TestMethod]
    public void Exact_sum_is_the_same_in_any_order_and_survives_its_text_form()
    {
        var random = new Random(11);
        var values = Enumerable.Range(0, 20_000).Select(_ => (random.NextDouble() - 0.3) * Math.Pow(10, random.Next(-12, 13))).ToList();
        values.AddRange([1e300, -1e300, 5e-324, double.Epsilon * 3, -0.0]);
        var forward = new ExactSum();
        values.ForEach(forward.Add);
        var backward = new ExactSum();
        for (var i = values.Count - 1; i >= 0; i--)
        {
            backward.Add(values[i]);
        }

        var halves = new ExactSum();
        var left = new ExactSum();
        var right = new ExactSum();
        values.Take(7_777).ToList().ForEach(left.Add);
        values.Skip(7_777).ToList().ForEach(right.Add);
        halves.Add(right);
        halves.Add(left);

        Assert.AreEqual(forward.ToExactString(), backward.ToExactString());
        Assert.AreEqual(forward.ToExactString(), halves.ToExactString());
        Assert.AreEqual(forward.ToExactString(), ExactSum.Parse(forward.ToExactString()).ToExactString());
        var naive = values.Sum();
        Assert.AreEqual(naive, forward.ToDouble(), 1e-6 * values.Sum(Math.Abs));
    }

    [TestMethod]
    public void Exact_sum_of_cancelling_values_is_exactly_zero_or_the_small_remainder()
    {
        var sum = new ExactSum();
        sum.Add(1e20);
        sum.Add(1.5);
        sum.Add(-1e20);
        Assert.AreEqual(1.5, sum.ToDouble());
        sum.Add(-1.5);
        Assert.IsTrue(sum.IsZero);
        Assert.AreEqual("0", sum.ToExactString());
        Assert.AreEqual(-0.1, ExactSum.Parse(new Func<ExactSum>(() => { var s = new ExactSum(); s.Add(-0.1); return s; })().ToExactString()).ToDouble());
    }
}
