using Microsoft.DurableTask;
using Nightshift.Activities.Kernels.Facet;

namespace Nightshift.Activities.Facet;

/// <summary>The undo of facetsub: adds the kept model back into the working data.</summary>
internal sealed class AddBackActivity : TaskActivity<AddBackInput, bool>
{
    public override Task<bool> RunAsync(TaskActivityContext context, AddBackInput input)
    {
        var journal = FacetWorkspace.ReadJournal(input.WorkingDir);
        if (!File.Exists(input.Model) || !journal.Remove(input.Direction))
        {
            // The model goes only with the step's products, after this undo, and the journal entry with the add-back:
            // either missing means the undo already ran (a second delivery).
            return Task.FromResult(false);
        }

        var vis = FacetWorkspace.Load(input.WorkingDir);
        var model = Visibilities.Read(input.Model);
        if (model.Data.Length != vis.Data.Length)
        {
            throw new InvalidDataException($"{input.Model}: {model.Data.Length} visibilities, but the working data in {FacetWorkspace.ChunksDirectory(input.WorkingDir)} has {vis.Data.Length}");
        }

        Predictor.AddBack(vis, model.Data);
        FacetWorkspace.Save(input.WorkingDir, vis, journal);
        // Delete now, not only with the products: an add-back delivered twice must not add the model twice.
        File.Delete(input.Model);
        return Task.FromResult(true);
    }
}
