using Nightshift.Activities.Kernels.Analysis;

namespace Nightshift.Activities.Tests.Analysis;

[TestClass]
public sealed class ConfigErrorTests
{
    [TestMethod]
    [DataRow("variable: mjj, bins", "variable: mjjj, bins", "histograms.mjj.variable", "mjjj")]
    [DataRow("bins: {n: 30, low: 0, high: 1200}, label: \"m(jj)", "bins: {n: 30, low: 1200, high: 0}, label: \"m(jj)", "histograms.mjj.bins", "high")]
    [DataRow("{n: 25, low: 0, high: 250}, label: \"MET", "{n: 0, low: 0, high: 250}, label: \"MET", "histograms.met.bins.n", "whole number")]
    [DataRow("edges: [0, 100, 200, 300", "edges: [0, 100, 100, 300", "histograms.ht.edges[2]", "increase")]
    [DataRow("cut: \"nLepton == 1\"", "cut: \"nLeptons == 1\"", "preselection[0].cut", "nLeptons")]
    [DataRow("jsons: [datasets.json]", "jsons: [missing-datasets.json]", "datasets.jsons[0]", "missing-datasets.json")]
    [DataRow("categories: [2b]", "categories: [3b]", "histograms.mbb.categories[0]", "3b")]
    [DataRow("weights: [genWeight, lumi, XS]", "weights: [genWeight, lumi, XSec]", "weights[2]", "XSec")]
    [DataRow("samples: [DATA, TTbar", "samples: [DATA, TTBar", "datasets.filter.samples[1]", "TTBar")]
    public void Bad_config_names_the_key_and_the_file(string original, string broken, string key, string mention)
    {
        var demo = AnalysisDemo.Instance;
        var directory = AnalysisDemo.NewDirectory("badconfig");
        File.Copy(Path.Combine(demo.Directory, "datasets.json"), Path.Combine(directory, "datasets.json"));
        var text = File.ReadAllText(demo.ConfigPath);
        Assert.Contains(original, text, "the test edits an existing line");
        var path = Path.Combine(directory, "analysis.yaml");
        File.WriteAllText(path, text.Replace(original, broken, StringComparison.Ordinal));

        var error = Assert.ThrowsExactly<AnalysisConfigException>(() => AnalysisConfig.Load(path));
        Assert.AreEqual(path, error.File);
        Assert.AreEqual(key, error.Key);
        Assert.Contains(mention, error.Message);
    }

    [TestMethod]
    public void A_malformed_dataset_definition_names_its_own_file_and_the_dataset()
    {
        var demo = AnalysisDemo.Instance;
        var directory = AnalysisDemo.NewDirectory("baddefinition");
        var definitions = File.ReadAllText(Path.Combine(demo.Directory, "datasets.json"));
        File.WriteAllText(Path.Combine(directory, "datasets.json"), definitions.Replace("\"xsec\": \"365.34\"", "\"xsec\": \"lots\"", StringComparison.Ordinal));
        File.Copy(demo.ConfigPath, Path.Combine(directory, "analysis.yaml"));
        var error = Assert.ThrowsExactly<AnalysisConfigException>(() => AnalysisConfig.Load(Path.Combine(directory, "analysis.yaml")));
        Assert.AreEqual(Path.Combine(directory, "datasets.json"), error.File);
        Assert.AreEqual("TTToSemiLeptonic_2018.metadata.xsec", error.Key);
    }
}
