using Nightshift.Activities.Jobs;
using Nightshift.Activities.Kernels.Common;
using Nightshift.Activities.Kernels.Lap;
using Nightshift.Activities.Lap;

namespace Nightshift.Activities.Tests.Lap;

/// <summary>The LAP kernels as batch jobs run them (<c>nightshift kernel lap-…</c>), and how a job's end becomes a fault class.</summary>
[TestClass]
public sealed class LapFileKernelTests
{
    [TestMethod]
    public async Task Chip_and_warp_kernels_from_files_write_what_the_in_process_kernels_write()
    {
        var demo = LapDemo.Instance;
        var exposure = demo.Good[0];
        var dir = Path.Combine(demo.Root, "file-kernels");
        var registry = KernelRegistry.CreateDefault();
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var chipResult = Path.Combine(dir, "chip.json");
        var code = await registry.RunAsync(ChipKernel.Name,
            ["--survey", demo.Manifest.RootDirectory, "--raw", demo.Manifest.Resolve(exposure.RawPath), "--output", Path.Combine(dir, "chip", exposure.Name), "--result", chipResult],
            stdout, stderr);
        Assert.AreEqual(0, code, stderr.ToString());
        var chip = Completed(chipResult).Read<ChipResult>();
        var expected = demo.Chips[exposure.Name];
        Assert.AreEqual(expected.BadFraction, chip.BadFraction);
        Assert.AreEqual(expected.PsfSigma, chip.PsfSigma);
        CollectionAssert.AreEqual(File.ReadAllBytes(expected.Output.Image), File.ReadAllBytes(chip.Output.Image));
        CollectionAssert.AreEqual(File.ReadAllBytes(expected.Output.Mask), File.ReadAllBytes(chip.Output.Mask));

        var warpResult = Path.Combine(dir, "warp.json");
        code = await registry.RunAsync(WarpKernel.Name,
            ["--survey", demo.Manifest.RootDirectory, "--chip", chip.Output.Image, "--output", Path.Combine(dir, "warp"), "--result", warpResult], stdout, stderr);
        Assert.AreEqual(0, code, stderr.ToString());
        var warp = Completed(warpResult).Read<WarpResult>();
        var expectedWarps = demo.Warps[exposure.Name].Warps;
        CollectionAssert.IsSubsetOf(expectedWarps.Select(w => w.Skycell).ToList(), warp.Warps.Select(w => w.Skycell).ToList(), "every skycell of its own cell, and any other it covers");
        foreach (var w in expectedWarps)
        {
            CollectionAssert.AreEqual(File.ReadAllBytes(w.Output.Image), File.ReadAllBytes(warp.Warps.Single(x => x.Skycell == w.Skycell).Output.Image), w.Skycell);
        }
    }

    [TestMethod]
    [DataRow(JobState.Failed, 15, LapFault.Data, DisplayName = "kernel data fault")]
    [DataRow(JobState.Failed, 12, LapFault.System, DisplayName = "kernel system fault")]
    [DataRow(JobState.Failed, 2, LapFault.Config, DisplayName = "bad kernel arguments")]
    [DataRow(JobState.Failed, 139, LapFault.Programming, DisplayName = "crash")]
    [DataRow(JobState.Timeout, null, LapFault.Timeout, DisplayName = "walltime")]
    [DataRow(JobState.OutOfMemory, null, LapFault.System, DisplayName = "out of memory")]
    [DataRow(JobState.NodeFail, null, LapFault.System, DisplayName = "node failure")]
    [DataRow(JobState.Cancelled, null, LapFault.Config, DisplayName = "scancel by an operator")]
    public void Failed_job_is_read_back_as_its_fault_class_naming_the_job(JobState state, int? exitCode, int fault)
    {
        var job = new LapJob(new JobOutcome
        {
            JobKey = "lap/seq1/run/PC000.r/chip-o0003/1", State = state, ExitCode = exitCode, Backend = "slurm", SchedulerId = "17_3",
            StderrTail = "something\nfault 5: lap-chip: FitsFormatException: bad header",
        }, Path.Combine(Path.GetTempPath(), "no-such-result.json"));

        var e = Assert.ThrowsExactly<LapFaultException>(() => job.Read<ChipResult>());

        Assert.AreEqual(fault, e.Fault);
        Assert.Contains("lap/seq1/run/PC000.r/chip-o0003/1", e.Message);
        Assert.Contains("bad header", e.Message, "the kernel's last stderr line");
    }

    [TestMethod]
    public void Completed_job_without_its_result_file_is_a_system_fault()
    {
        var e = Assert.ThrowsExactly<LapFaultException>(() => Completed(Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.json")).Read<ChipResult>());
        Assert.AreEqual(LapFault.System, e.Fault);
        Assert.Contains("missing", e.Message);
    }

    [TestMethod]
    [DataRow(new[] { "--input", "a.fits", "--bogus", "1" }, "unknown option '--bogus'", DisplayName = "unknown option")]
    [DataRow(new[] { "--input" }, "option '--input' needs a value", DisplayName = "missing value")]
    [DataRow(new[] { "--input", "a.fits", "--output", "s", "--result", "r" }, "option '--min-inputs' is required", DisplayName = "missing option")]
    [DataRow(new[] { "--input", "a.fits", "--min-inputs", "x", "--output", "s", "--result", "r" }, "'--min-inputs' must be a whole number", DisplayName = "not a number")]
    [DataRow(new[] { "--input", "a.var.fits", "--min-inputs", "1", "--output", "s", "--result", "r" }, "is not the image of a product", DisplayName = "not an image")]
    public async Task Bad_kernel_arguments_exit_2_naming_the_option(string[] arguments, string expected)
    {
        var stderr = new StringWriter();
        var code = await KernelRegistry.CreateDefault().RunAsync(StackKernel.Name, arguments, new StringWriter(), stderr);
        Assert.AreEqual(2, code);
        Assert.Contains(expected, stderr.ToString());
    }

    private static LapJob Completed(string resultPath) =>
        new(new JobOutcome { JobKey = "test/step/1", State = JobState.Completed, ExitCode = 0, Backend = "local" }, resultPath);
}
