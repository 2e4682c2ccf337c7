using Microsoft.DurableTask;

namespace Nightshift.Bench;

internal sealed class SquareActivity : TaskActivity<int, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, int input) => Task.FromResult(input * input);
}
