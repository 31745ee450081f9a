using System.Xml.Linq;

namespace FoccoCrm.Web.Tests.Layout;

public class ResourceTests
{
    private static string Root => Infrastructure.RepositoryFiles.FindRepositoryRoot(AppContext.BaseDirectory)!;

    private static Dictionary<string, string> Read(string path) =>
        XDocument.Load(path).Root!.Elements("data").ToDictionary(e => e.Attribute("name")!.Value, e => e.Element("value")!.Value);

    [Theory]
    [InlineData("FoccoCrm.Web/Resources/SharedResource")]
    [InlineData("FoccoCrm.Core/Resources/Messages")]
    public void EnglishResources_HaveEveryPortugueseKey_Translated(string baseName)
    {
        var pt = Read(Path.Combine(Root, baseName + ".resx"));
        var en = Read(Path.Combine(Root, baseName + ".en-US.resx"));
        Assert.Empty(pt.Keys.Except(en.Keys));
        Assert.Empty(en.Keys.Except(pt.Keys));
        Assert.All(en, kv => Assert.False(string.IsNullOrWhiteSpace(kv.Value), kv.Key));
    }

    [Fact]
    public void EveryLocalizerKeyUsedInRazor_Exists()
    {
        var keys = Read(Path.Combine(Root, "FoccoCrm.Web/Resources/SharedResource.resx")).Keys.ToHashSet();
        var used = Directory.EnumerateFiles(Path.Combine(Root, "FoccoCrm.Web"), "*.razor", SearchOption.AllDirectories)
            .SelectMany(f => System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(f), "L\\[\"([A-Za-z_]+)\"\\]").Select(m => (File: Path.GetFileName(f), Key: m.Groups[1].Value)))
            .Where(x => !keys.Contains(x.Key))
            .ToList();
        Assert.Empty(used);
    }
}
