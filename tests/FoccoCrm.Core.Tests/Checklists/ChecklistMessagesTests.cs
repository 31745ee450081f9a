using System.Globalization;
using System.Reflection;
using FoccoCrm.Core.Checklists;

namespace FoccoCrm.Core.Tests.Checklists;

public sealed class ChecklistMessagesTests
{
    public static TheoryData<string> Cultures => new() { "pt-BR", "en-US" };

    [Theory]
    [MemberData(nameof(Cultures))]
    public void EveryChecklistMessage_RefusalOrphanAndKind_HasATranslation(string culture)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            foreach (var p in typeof(ChecklistMessages).GetProperties(BindingFlags.Public | BindingFlags.Static))
                Assert.NotEqual(p.Name, (string)p.GetValue(null)!);
            foreach (var r in Enum.GetValues<TreeRefusal>().Where(r => r != TreeRefusal.None))
                Assert.NotEqual("TreeRefusal_" + r, ChecklistMessages.Refusal(r));
            foreach (var o in Enum.GetValues<OrphanReason>())
                Assert.NotEqual("Orphan_" + o, ChecklistMessages.Orphan(o));
            foreach (var k in Enum.GetValues<AnswerKind>())
                Assert.NotEqual("AnswerKind_" + k, ChecklistMessages.KindName(k));
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public void Refusals_SpeakEnglishInEnUs()
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-US");
        try
        {
            Assert.Contains("cannot be moved into itself", new TreeResult(TreeRefusal.Cycle).Reason, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
