using Bunit;
using FoccoCrm.Core.Checklists;
using FoccoCrm.Web.Features.Checklists;
using FoccoCrm.Web.Tests.Layout;
using Microsoft.AspNetCore.Components;

namespace FoccoCrm.Web.Tests.Checklists;

public class ChecklistFillTests : ComponentTestBase
{
    private static readonly Guid Root = Guid.NewGuid(), Follower = Guid.NewGuid(), Grandchild = Guid.NewGuid(), Other = Guid.NewGuid();

    /// <summary>"Tem loja física?" (yes/no, required) → when Sim: "Quantas lojas?" (number, required) → … ; plus a text root.</summary>
    private static ChecklistDefinition Definition() => new([
        new FormNode(Root, null, [], 0, true, new FormQuestion(1, "Tem loja física?", AnswerKind.YesNo, [new(1, "Sim"), new(2, "Não")])),
        new FormNode(Follower, Root, [1], 0, true, new FormQuestion(2, "Qual o porte da loja?", AnswerKind.SingleChoice, [new(3, "Pequena"), new(4, "Grande")])),
        new FormNode(Grandchild, Follower, [4], 0, false, new FormQuestion(3, "Quantos funcionários?", AnswerKind.Number, [])),
        new FormNode(Other, null, [], 1, false, new FormQuestion(4, "Observações", AnswerKind.Text, [])),
    ]);

    private IRenderedComponent<ChecklistFill> RenderFill(List<IReadOnlyList<ChecklistAnswer>> changes, bool showRequired = false, IReadOnlyList<ChecklistAnswer>? answers = null) =>
        Render<ChecklistFill>(p => p
            .Add(x => x.Definition, Definition())
            .Add(x => x.Answers, answers ?? [])
            .Add(x => x.ShowRequired, showRequired)
            .Add(x => x.AnswersChanged, EventCallback.Factory.Create<IReadOnlyList<ChecklistAnswer>>(this, a => changes.Add(a))));

    private static void Click(IRenderedComponent<ChecklistFill> cut, string text) =>
        cut.FindAll("button").Single(b => b.TextContent.Trim() == text).Click();

    [Fact]
    public void AFollowerAppearsWhenItsParentsOptionIsChosen_AndDisappearsWithItsAnswerWhenChanged()
    {
        var changes = new List<IReadOnlyList<ChecklistAnswer>>();
        var cut = RenderFill(changes);
        Assert.DoesNotContain("Qual o porte da loja?", cut.Markup);

        Click(cut, "Sim");
        Assert.Contains("Qual o porte da loja?", cut.Markup);
        Assert.Equal("1", cut.Find($"[aria-labelledby='q-{Follower:N}']").GetAttribute("data-depth"));

        cut.FindAll("input[type=radio]")[1].Click(); // Grande → the grandchild shows
        Assert.Contains("Quantos funcionários?", cut.Markup);
        Assert.Contains(changes[^1], a => a.NodeId == Follower && a.OptionIds.SequenceEqual([4]));

        Click(cut, "Não");
        Assert.DoesNotContain("Qual o porte da loja?", cut.Markup);
        Assert.DoesNotContain("Quantos funcionários?", cut.Markup);
        var last = Assert.Single(changes[^1]);
        Assert.Equal(Root, last.NodeId);
        Assert.Equal([2], last.OptionIds);

        Click(cut, "Sim"); // back: the follower is empty again (its answer was dropped)
        Assert.Equal(Root, Assert.Single(changes[^1]).NodeId);
        Assert.DoesNotContain("Quantos funcionários?", cut.Markup);
    }

    [Fact]
    public void RequiredMessagesShowAfterSaving_AndProgressCountsRequiredAnswered()
    {
        var cut = RenderFill([], showRequired: true);
        Assert.Contains("0 de 1 obrigatórias respondidas", cut.Find("[data-testid=checklist-progress]").TextContent);
        Assert.Contains(ChecklistMessages.AnswerRequired, cut.Find("[data-testid=checklist-error]").TextContent);

        Click(cut, "Sim");
        Assert.Contains("1 de 2 obrigatórias respondidas", cut.Find("[data-testid=checklist-progress]").TextContent);
        Assert.Single(cut.FindAll("[data-testid=checklist-error]")); // only the follower's required message

        cut.FindAll("input[type=radio]")[0].Click();
        Assert.Contains("2 de 2 obrigatórias respondidas", cut.Find("[data-testid=checklist-progress]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=checklist-error]"));
    }

    [Fact]
    public void RequiredMessagesWaitUntilTheUserTriesToSave()
    {
        var cut = RenderFill([]);
        Assert.Empty(cut.FindAll("[data-testid=checklist-error]"));
    }

    [Fact]
    public void ANumberThatDoesNotParseShowsTheEnginesMessage()
    {
        var answers = new List<ChecklistAnswer> { ChecklistAnswer.Options(Root, 1), ChecklistAnswer.Options(Follower, 4) };
        var cut = RenderFill([], answers: answers);
        cut.Find($"[aria-labelledby='q-{Grandchild:N}'] input").Change("doze");
        Assert.Contains(ChecklistMessages.AnswerNumberExpected, cut.Find("[data-testid=checklist-error]").TextContent);
    }

    [Fact]
    public void ReadOnlyDisablesTheEditors()
    {
        var cut = Render<ChecklistFill>(p => p.Add(x => x.Definition, Definition()).Add(x => x.ReadOnly, true)
            .Add(x => x.Answers, [ChecklistAnswer.Options(Root, 1)]));
        Assert.All(cut.FindAll("button"), b => Assert.True(b.HasAttribute("disabled")));
        Assert.Contains("Qual o porte da loja?", cut.Markup);
    }

    [Fact]
    public void AServerErrorShowsUnderItsQuestionUntilThatAnswerChanges()
    {
        var cut = Render<ChecklistFill>(p => p.Add(x => x.Definition, Definition())
            .Add(x => x.ServerErrors, new Dictionary<Guid, string> { [Root] = "Recusada pelo servidor" }));
        Assert.Contains("Recusada pelo servidor", cut.Find($"[aria-labelledby='q-{Root:N}']").TextContent);
        Click(cut, "Não");
        Assert.DoesNotContain("Recusada pelo servidor", cut.Markup);
    }
}
