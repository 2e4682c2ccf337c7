using Microsoft.DurableTask;
using Nightshift.Activities.Kernels.Snf;

namespace Nightshift.Activities.Production;

/// <summary>
/// Records the end of a night's or target's chain: writes its status file in the production directory and, unless
/// the production runs with --no-register, its row and every file its completed plans wrote (each declared output,
/// or every file under a declared directory) in <c>production_outputs</c>. Returns the night's photometric flag.
/// </summary>
internal sealed class RecordUnitActivity(ProductionLedger ledger, TimeProvider time) : TaskActivity<UnitRecord, bool?>
{
    public override async Task<bool?> RunAsync(TaskActivityContext context, UnitRecord input)
    {
        bool? photometric = null;
        double? rms = null;
        var layout = new SnfLayout("", input.Prod);
        if (input.Kind == UnitRecord.Night && File.Exists(layout.Photometricity(input.Unit)) && input.Completed.Any(c => c.Plan == "photometricity"))
        {
            var flag = SnfLayout.Read<NightPhotometricity>(layout.Photometricity(input.Unit));
            (photometric, rms) = (flag.Photometric, flag.Rms);
        }

        SnfLayout.Write(ProductionPlans.StatusFile(input.Prod, input.Kind, input.Unit),
            new UnitStatus(input.Unit, input.Status, photometric, input.FailedPlan, input.Error, input.InstanceId));
        if (input.Register)
        {
            var files = new List<(string, string, string, long)>();
            foreach (var plan in input.Completed)
            {
                foreach (var output in plan.Outputs)
                {
                    if (Directory.Exists(output))
                    {
                        files.AddRange(Directory.GetFiles(output, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
                            .Select(f => (f, plan.Plan, plan.JobKey, new FileInfo(f).Length)));
                    }
                    else if (File.Exists(output))
                    {
                        files.Add((output, plan.Plan, plan.JobKey, new FileInfo(output).Length));
                    }
                }
            }

            await ledger.RecordAsync(input, photometric, rms, files, time.GetUtcNow().UtcDateTime, CancellationToken.None).ConfigureAwait(false);
        }

        return photometric;
    }
}
