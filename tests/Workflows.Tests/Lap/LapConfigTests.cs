using Nightshift.Durable;
using Nightshift.Workflows.Lap;

namespace Nightshift.Workflows.Tests.Lap;

[TestClass]
public sealed class LapConfigTests
{
    [TestMethod]
    public void Config_binds_from_json_with_limits_and_runs()
    {
        var config = DurableJson.Deserialize<LapConfig>("""
            {"outputDirectory": "out", "chipLimit": 0.1, "minStackInputs": 4, "maxActiveRuns": 3,
             "survey": {"seed": 7, "projectionCellCount": 1}, "runs": [{"cell": "PC000", "label": "a"}]}
            """)!;
        Assert.IsNull(config.Validate());
        Assert.AreEqual(0.1, config.ChipLimit);
        Assert.AreEqual(0.30, config.WarpLimit, "unset limits keep LAP's defaults");
        Assert.AreEqual(4, config.MinStackInputs);
        Assert.AreEqual(7, config.Survey.Seed);
        Assert.AreEqual("a", config.Runs![0].Label);
        Assert.AreEqual(Path.Combine("out", "survey"), config.ResolvedSurveyDirectory);
        Assert.DoesNotContain("resolvedSurveyDirectory", DurableJson.Serialize(config)!, "derived values are not part of the input");
    }

    [TestMethod]
    public void Invalid_config_names_the_field()
    {
        StringAssert.Contains(new LapConfig { DiffLimit = 1.5 }.Validate(), "diffLimit");
        StringAssert.Contains(new LapConfig { MinStackInputs = 0 }.Validate(), "minStackInputs");
        StringAssert.Contains(new LapConfig { Executor = "bogus" }.Validate(), "executor");
        Assert.IsNull(new LapConfig { Executor = "slurm" }.Validate(), "slurm runs every kernel as a batch job");
        StringAssert.Contains(new LapConfig { Executor = "slurm", JobMemoryMb = 0 }.Validate(), "jobMemoryMb");
        StringAssert.Contains(new LapConfig { Executor = "slurm", JobWalltimeMinutes = -1 }.Validate(), "jobWalltimeMinutes");
        StringAssert.Contains(new LapConfig { MaxActiveRuns = 0 }.Validate(), "maxActiveRuns");
    }
}
