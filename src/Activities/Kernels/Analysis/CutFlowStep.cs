namespace Nightshift.Activities.Kernels.Analysis;

/// <summary>Events and weighted events that passed one step of the cut flow (or entered one category).</summary>
internal sealed class CutFlowStep(string name)
{
    public string Name { get; } = name;

    public long Events { get; set; }

    public ExactSum Weighted { get; } = new();

    public void Add(double weight)
    {
        Events++;
        Weighted.Add(weight);
    }

    public void Merge(CutFlowStep other)
    {
        Events += other.Events;
        Weighted.Add(other.Weighted);
    }
}
