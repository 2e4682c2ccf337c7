using Nightshift.Activities.Fits;
using Nightshift.Activities.Kernels.Lap;

namespace Nightshift.Activities.Tests.Lap;

[TestClass]
public sealed class CleanupTests
{
    [TestMethod]
    public void Cleanup_removes_the_listed_products_reports_them_and_refuses_paths_outside_the_root()
    {
        var root = TestDirs.New("cleanup");
        var product = ImageProduct.ForBase(Path.Combine(root, "warp", "o0001.PC000.sc00"));
        foreach (var file in product.Files)
        {
            FitsFile.Write(file, new FitsImage(8, 8));
        }

        var outside = Path.Combine(TestDirs.New("cleanup-outside"), "keep.fits");
        FitsFile.Write(outside, new FitsImage(8, 8));
        var gone = Path.Combine(root, "warp", "already-gone.fits");

        var result = CleanupKernel.Run([.. product.Files, gone, outside, product.Image], root);

        CollectionAssert.AreEquivalent(product.Files.Select(Path.GetFullPath).ToList(), result.Removed.ToList());
        Assert.IsFalse(product.Exists());
        CollectionAssert.AreEqual(new[] { gone }, result.Missing.ToList());
        CollectionAssert.AreEqual(new[] { outside }, result.Refused.ToList());
        Assert.IsTrue(File.Exists(outside));
        Assert.AreEqual(3 * 2 * FitsFile.BlockSize, result.BytesFreed);

        var again = CleanupKernel.Run(product.Files, root);
        Assert.IsEmpty(again.Removed);
        Assert.HasCount(3, again.Missing);
    }
}
