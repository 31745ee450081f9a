using Bunit;
using FoccoCrm.Core.Checklists;
using FoccoCrm.Web.Features.Checklists;
using FoccoCrm.Web.Tests.Layout;

namespace FoccoCrm.Web.Tests.Checklists;

public class QuestionOptionsEditorTests : ComponentTestBase
{
    private static List<QuestionOptionInput> Options() => [new() { Id = 10, Text = "Corpo" }, new() { Id = 11, Text = "Tampa" }, new() { Id = 12, Text = "Ponta" }];

    private static void Press(IRenderedComponent<QuestionOptionsEditor> cut, string label) =>
        cut.Find($"button[aria-label='{label}']").Click();

    [Fact]
    public void OptionsMoveUpAndDown_KeepingTheirIds()
    {
        var options = Options();
        var cut = Render<QuestionOptionsEditor>(p => p.Add(x => x.Options, options));
        Assert.True(cut.Find("button[aria-label='Mover a opção 1 para cima']").HasAttribute("disabled"));
        Assert.True(cut.Find("button[aria-label='Mover a opção 3 para baixo']").HasAttribute("disabled"));

        Press(cut, "Mover a opção 3 para cima");
        Assert.Equal(["Corpo", "Ponta", "Tampa"], options.Select(o => o.Text));
        Assert.Equal([10, 12, 11], options.Select(o => o.Id!.Value));

        Press(cut, "Mover a opção 1 para baixo");
        Assert.Equal(["Ponta", "Corpo", "Tampa"], options.Select(o => o.Text));
        Assert.Equal("Ponta", cut.FindAll("input")[0].GetAttribute("value"));
    }

    [Fact]
    public void OptionsAreAddedAtTheEnd_AndRemoved()
    {
        var options = Options();
        var cut = Render<QuestionOptionsEditor>(p => p.Add(x => x.Options, options));
        cut.FindAll("button").Single(b => b.TextContent.Contains("Adicionar opção")).Click();
        Assert.Equal(4, cut.FindAll("[data-testid=question-option]").Count);
        cut.FindAll("input")[3].Change("Clipe");
        Assert.Equal("Clipe", options[3].Text);
        Assert.Null(options[3].Id);

        Press(cut, "Remover a opção 2");
        Assert.Equal(["Corpo", "Ponta", "Clipe"], options.Select(o => o.Text));
        Assert.Equal(3, cut.FindAll("[data-testid=question-option]").Count);
    }
}
