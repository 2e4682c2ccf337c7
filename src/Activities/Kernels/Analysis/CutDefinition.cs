namespace Nightshift.Activities.Kernels.Analysis;

/// <summary>A named cut: all its conditions must pass (<c>"nJet &gt;= 4 &amp;&amp; nBJet &gt;= 2"</c>). A category is a cut too.</summary>
internal sealed record CutDefinition(string Name, IReadOnlyList<CutCondition> Conditions)
{
    public bool Passes(double[][] variables, int e)
    {
        foreach (var c in Conditions)
        {
            if (!c.Passes(variables[c.VariableIndex][e]))
            {
                return false;
            }
        }

        return true;
    }
}
