namespace Nightshift.Activities.Kernels.Analysis;

/// <summary>One comparison of an event variable with a number, such as <c>nJet &gt;= 4</c>.</summary>
internal sealed record CutCondition(string Variable, int VariableIndex, string Operator, double Threshold)
{
    public static readonly IReadOnlyList<string> Operators = [">=", "<=", "==", "!=", ">", "<"];

    /// <summary>NaN (a variable the event does not have) fails every comparison, != included.</summary>
    public bool Passes(double value) => !double.IsNaN(value) && Operator switch
    {
        ">=" => value >= Threshold,
        "<=" => value <= Threshold,
        "==" => value == Threshold,
        "!=" => value != Threshold,
        ">" => value > Threshold,
        _ => value < Threshold,
    };
}
