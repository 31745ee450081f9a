using Bunit;
using FoccoCrm.Core.Catalogs;
using FoccoCrm.Core.Checklists;
using FoccoCrm.Core.Identity;
using FoccoCrm.Web.Features.Checklists.Designer;
using FoccoCrm.Web.Tests.Layout;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;

namespace FoccoCrm.Web.Tests.Checklists;

public class ChecklistDesignerTests : ComponentTestBase
{
    private CurrentUser admin = default!;
    private int checklistId;
    private QuestionDetail riscado = default!, onde = default!, descreva = default!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Services.AddSingleton(Db.Get<ChecklistDesignService>());
        Services.AddSingleton(Db.Get<QuestionService>());
        Services.AddSingleton(Db.Get<ChecklistService>());
        admin = await Db.UserAsync("admin@x.test", Roles.Administrator);
        var grouper = await Db.Get<CatalogService<QuestionGrouper>>().CreateAsync(admin,
            new CatalogEntryInput { Kind = CatalogKind.QuestionGrouper, Code = 3, Description = "Defeito" });
        var type = await Db.Get<CatalogService<ChecklistType>>().CreateAsync(admin,
            new CatalogEntryInput { Kind = CatalogKind.ChecklistType, Code = 1, Description = "Ocorrência", Usage = ChecklistUsage.Occurrence });
        async Task<QuestionDetail> Q(string text, AnswerKind kind, params string[] options)
        {
            var id = await Db.Get<QuestionService>().CreateAsync(admin, new QuestionInput
            {
                Text = text, GrouperId = grouper, Kind = kind, Options = [.. options.Select(o => new QuestionOptionInput { Text = o })],
            });
            return await Db.Get<QuestionService>().GetAsync(admin, id);
        }
        riscado = await Q("Produto está riscado?", AnswerKind.YesNo);
        onde = await Q("Onde está o risco?", AnswerKind.SingleChoice, "Corpo", "Tampa", "Ponta");
        descreva = await Q("Descreva", AnswerKind.Text);
        checklistId = await Db.Get<ChecklistService>().CreateAsync(admin, new ChecklistInput { Code = "DEF", Description = "Defeito", TypeId = type });
    }

    private static Guid Ok(TreeResult r)
    {
        Assert.True(r.Ok, r.Reason);
        return r.NodeId!.Value;
    }

    private IRenderedComponent<IComponent> RenderDesigner() =>
        RenderAs<ChecklistDesignerPage>(admin, ("Id", checklistId));

    private static AngleSharp.Dom.IElement Item(IRenderedComponent<IComponent> cut, string text) =>
        cut.FindAll("[role=treeitem]").Single(e => e.GetAttribute("aria-label") == text);

    [Fact]
    public async Task TheTreeShowsEveryFollowerUnderAnAnswerChipOfItsParent_AndWarnsWithoutACompany()
    {
        var designs = Db.Get<ChecklistDesignService>();
        var design = await designs.OpenAsync(admin, checklistId);
        var nRiscado = Ok(await designs.AddRootAsync(admin, design, riscado.Id));
        var nOnde = Ok(await designs.AddFollowUpAsync(admin, design, nRiscado, onde.Id, [riscado.Options.First(o => o.Text == "Sim").Id]));
        Ok(await designs.AddFollowUpAsync(admin, design, nOnde, descreva.Id,
            [onde.Options.First(o => o.Text == "Tampa").Id, onde.Options.First(o => o.Text == "Ponta").Id]));

        var cut = RenderDesigner();
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[role=treeitem]").Count));

        var under = Item(cut, "Onde está o risco?").ParentElement!.Closest("[data-testid=designer-answer]")!;
        Assert.Contains("se Sim", under.QuerySelector(".designer-chip")!.TextContent);
        Assert.Same(Item(cut, "Produto está riscado?"), under.ParentElement!.Closest("[role=treeitem]"));
        var anyOf = Item(cut, "Descreva").ParentElement!.Closest("[data-testid=designer-answer]")!;
        Assert.Contains("se qualquer de Tampa, Ponta", anyOf.QuerySelector(".designer-chip")!.TextContent);
        Assert.Equal("3", Item(cut, "Descreva").GetAttribute("aria-level"));
        // the answers nobody follows yet still offer a follow-up
        Assert.Contains(cut.FindAll(".designer-chip"), c => c.TextContent.Contains("se Não"));
        Assert.Contains(cut.FindAll(".designer-chip"), c => c.TextContent.Contains("se Corpo"));
        Assert.Contains("Sem empresa vinculada", cut.Markup);
    }

    [Fact]
    public async Task ARefusedMoveShowsItsReason_AndChangesNothing()
    {
        var designs = Db.Get<ChecklistDesignService>();
        var design = await designs.OpenAsync(admin, checklistId);
        Ok(await designs.AddRootAsync(admin, design, descreva.Id));
        Ok(await designs.AddRootAsync(admin, design, riscado.Id));

        var cut = RenderDesigner();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[role=treeitem]").Count));
        Item(cut, "Produto está riscado?").QuerySelector(".designer-node-row")!.Click();
        cut.FindAll("button").Single(b => b.GetAttribute("aria-label") == "Aninhar sob a anterior (Alt+→)").Click();

        cut.WaitForAssertion(() => Assert.Contains(ChecklistMessages.Refusal(TreeRefusal.ParentNotChoice),
            cut.Find("[data-testid=designer-refusal]").TextContent));
        Assert.Equal("alert", cut.Find("[data-testid=designer-refusal]").GetAttribute("role"));
        Assert.Equal("1", Item(cut, "Produto está riscado?").GetAttribute("aria-level"));
    }

    [Fact]
    public async Task AltArrowDownReordersTheFocusedNode_SavesIt_AndAnnouncesWhereItWent()
    {
        var designs = Db.Get<ChecklistDesignService>();
        var design = await designs.OpenAsync(admin, checklistId);
        var first = Ok(await designs.AddRootAsync(admin, design, riscado.Id));
        Ok(await designs.AddRootAsync(admin, design, descreva.Id));

        var cut = RenderDesigner();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[role=treeitem]").Count));
        Item(cut, "Produto está riscado?").KeyDown(new KeyboardEventArgs { Key = "ArrowDown", AltKey = true });

        cut.WaitForAssertion(() => Assert.Equal(["Descreva", "Produto está riscado?"],
            cut.FindAll("[role=tree] > [role=treeitem]").Select(e => e.GetAttribute("aria-label"))));
        Assert.Contains("movida para baixo", cut.Find("[data-testid=designer-live]").TextContent);
        Assert.Contains("Descreva", cut.Find("[data-testid=designer-live]").TextContent);
        var reopened = await designs.OpenAsync(admin, checklistId);
        Assert.Equal(first, reopened.Tree.Roots[1].Id);
    }

    [Fact]
    public async Task AFollowerWhoseAnswerWasRemovedFromTheBankIsMarkedOrphaned_AndUnNestingFixesIt()
    {
        var designs = Db.Get<ChecklistDesignService>();
        var design = await designs.OpenAsync(admin, checklistId);
        var nOnde = Ok(await designs.AddRootAsync(admin, design, onde.Id));
        Ok(await designs.AddFollowUpAsync(admin, design, nOnde, descreva.Id, [onde.Options.First(o => o.Text == "Ponta").Id]));
        var input = onde.ToInput();
        await Db.Get<QuestionService>().UpdateAsync(admin, onde.Id, input with { Options = [.. input.Options.Where(o => o.Text != "Ponta")] }, onde.Version);

        var cut = RenderDesigner();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".designer-orphan")));
        Assert.Contains("(resposta removida)", Item(cut, "Descreva").ParentElement!.Closest("[data-testid=designer-answer]")!.TextContent);
        cut.Find(".designer-orphan").QuerySelectorAll("button").Single(b => b.TextContent.Contains("Desaninhar")).Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".designer-orphan")));
        Assert.Equal("1", Item(cut, "Descreva").GetAttribute("aria-level"));
        Assert.Empty((await designs.OpenAsync(admin, checklistId)).Tree.Orphans());
    }

    [Fact]
    public async Task ArrowKeysMoveTheRovingFocus_AndTypingALetterJumpsToTheQuestion()
    {
        var designs = Db.Get<ChecklistDesignService>();
        var design = await designs.OpenAsync(admin, checklistId);
        Ok(await designs.AddRootAsync(admin, design, riscado.Id));
        Ok(await designs.AddRootAsync(admin, design, onde.Id));
        Ok(await designs.AddRootAsync(admin, design, descreva.Id));

        var cut = RenderDesigner();
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[role=treeitem]").Count));
        Assert.Equal("0", Item(cut, "Produto está riscado?").GetAttribute("tabindex"));
        Item(cut, "Produto está riscado?").KeyDown(new KeyboardEventArgs { Key = "End" });
        cut.WaitForAssertion(() => Assert.Equal("0", Item(cut, "Descreva").GetAttribute("tabindex")));
        Assert.Equal("-1", Item(cut, "Produto está riscado?").GetAttribute("tabindex"));
        Item(cut, "Descreva").KeyDown(new KeyboardEventArgs { Key = "o" });
        cut.WaitForAssertion(() => Assert.Equal("true", Item(cut, "Onde está o risco?").GetAttribute("aria-selected")));
    }
}
