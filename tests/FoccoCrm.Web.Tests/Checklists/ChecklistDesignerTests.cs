using Bunit;
using FoccoCrm.Core.Catalogs;
using FoccoCrm.Core.Checklists;
using FoccoCrm.Core.Identity;
using FoccoCrm.Web.Features.Checklists.Designer;
using FoccoCrm.Web.Tests.Layout;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

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

    /// <summary>The designer inside the app's popover and dialog providers (menus, confirmations, the answer picker).</summary>
    private IRenderedComponent<IComponent> RenderDesignerWithDialogs()
    {
        SignIn(admin);
        return Render(b =>
        {
            b.OpenComponent<MudPopoverProvider>(0);
            b.CloseComponent();
            b.OpenComponent<MudDialogProvider>(1);
            b.CloseComponent();
            b.OpenComponent<CascadingValue<CurrentUser>>(2);
            b.AddAttribute(3, "Value", admin);
            b.AddAttribute(4, "ChildContent", (RenderFragment)(c =>
            {
                c.OpenComponent<ChecklistDesignerPage>(5);
                c.AddAttribute(6, "Id", checklistId);
                c.CloseComponent();
            }));
            b.CloseComponent();
        });
    }

    private static FormQuestion Form(QuestionDetail q) => new(q.Id, q.Text, q.Kind, q.Options, q.GrouperId);

    private static void Click(IRenderedComponent<IComponent> cut, string selector, string text) =>
        cut.FindAll(selector).First(e => e.TextContent.Trim() == text).Click();

    [Fact]
    public async Task AThreeHundredNodeTree_Renders_CollapsesToLevels_AndSearchExpandsTheMatch()
    {
        var cor = await Db.Get<QuestionService>().GetAsync(admin, await Db.Get<QuestionService>().CreateAsync(admin, new QuestionInput
        {
            Text = "Cor da tampa", GrouperId = riscado.GrouperId, Kind = AnswerKind.Text,
        }));
        var designs = Db.Get<ChecklistDesignService>();
        var design = await designs.OpenAsync(admin, checklistId);
        // 12 yes/no roots → 4 choice followers on Sim → 5 text followers on Corpo: 12 + 48 + 240 = 300, saved at once
        Ok(await designs.ApplyAsync(admin, design, tree =>
        {
            for (var r = 0; r < 12; r++)
            {
                var root = Ok(tree.AddRoot(Form(riscado)));
                for (var c = 0; c < 4; c++)
                {
                    var child = Ok(tree.AddFollowUp(root, Form(onde), [riscado.Options[0].Id]));
                    for (var g = 0; g < 5; g++)
                        Ok(tree.AddFollowUp(child, Form(r == 7 && c == 2 && g == 3 ? cor : descreva), [onde.Options[0].Id]));
                }
            }
            return TreeResult.Done(tree.Roots[0].Id);
        }));
        Assert.Equal(300, (await designs.OpenAsync(admin, checklistId)).Tree.Count);

        var cut = RenderDesignerWithDialogs();
        cut.WaitForAssertion(() => Assert.Equal(300, cut.FindAll("[role=treeitem]").Count));

        Click(cut, "button", "Recolher tudo");
        cut.WaitForAssertion(() => Assert.Equal(12, cut.FindAll("[role=treeitem]").Count));
        Assert.All(cut.FindAll("[role=tree] > [role=treeitem]"), e => Assert.Equal("false", e.GetAttribute("aria-expanded")));
        // a collapsed root still says how many questions it hides
        Assert.Equal(12, cut.FindAll("[data-testid=designer-count]").Count(c => c.TextContent.Trim() == "24 abaixo"));

        cut.Find(".designer-outline input").Input("cor da tampa");
        cut.WaitForAssertion(() => Assert.Equal(12 + 4 + 5, cut.FindAll("[role=treeitem]").Count));
        Assert.Equal("Cor da tampa", Assert.Single(cut.FindAll(".designer-node-row.match")).Closest("[role=treeitem]")!.GetAttribute("aria-label"));
        Assert.Contains("1 pergunta(s) encontrada(s)", cut.Find("[data-testid=designer-live]").TextContent);

        foreach (var (level, count) in new[] { (2, 60), (3, 300), (1, 12) })
        {
            cut.FindAll("button").Single(b => b.GetAttribute("aria-label") == "Expandir até o nível…").Click();
            cut.WaitForAssertion(() => Click(cut, ".mud-menu-item", $"Nível {level}"));
            cut.WaitForAssertion(() => Assert.Equal(count, cut.FindAll("[role=treeitem]").Count));
            Assert.Contains($"{count} pergunta(s) visível(is)", cut.Find("[data-testid=designer-live]").TextContent);
        }
        cut.FindAll("button").Single(b => b.GetAttribute("aria-label") == "Expandir até o nível…").Click();
        cut.WaitForAssertion(() => Click(cut, ".mud-menu-item", "Todos os níveis"));
        cut.WaitForAssertion(() => Assert.Equal(300, cut.FindAll("[role=treeitem]").Count));
    }

    [Fact]
    public async Task DeletingANodeWithFollowersAsksFirst_CancellingKeepsIt_ConfirmingRemovesTheSubtree()
    {
        var designs = Db.Get<ChecklistDesignService>();
        var design = await designs.OpenAsync(admin, checklistId);
        var nRiscado = Ok(await designs.AddRootAsync(admin, design, riscado.Id));
        var nOnde = Ok(await designs.AddFollowUpAsync(admin, design, nRiscado, onde.Id, [riscado.Options[0].Id]));
        Ok(await designs.AddFollowUpAsync(admin, design, nOnde, descreva.Id, [onde.Options[0].Id]));
        Ok(await designs.AddRootAsync(admin, design, descreva.Id));

        var cut = RenderDesignerWithDialogs();
        cut.WaitForAssertion(() => Assert.Equal(4, cut.FindAll("[role=treeitem]").Count));
        Item(cut, "Produto está riscado?").KeyDown(new KeyboardEventArgs { Key = "Delete" });
        cut.WaitForAssertion(() => Assert.Contains("Remover \"Produto está riscado?\" e as 2 pergunta(s) de seguimento abaixo dela?",
            cut.Find(".mud-dialog").TextContent));
        Click(cut, ".mud-dialog button", "Cancelar");
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".mud-dialog")));
        Assert.Equal(4, cut.FindAll("[role=treeitem]").Count);
        Assert.Equal(4, (await designs.OpenAsync(admin, checklistId)).Tree.Count);

        Item(cut, "Produto está riscado?").KeyDown(new KeyboardEventArgs { Key = "Delete" });
        cut.WaitForAssertion(() => Click(cut, ".mud-dialog button", "Remover"));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[role=treeitem]")));
        Assert.Contains("(3 no total)", cut.Find("[data-testid=designer-live]").TextContent);
        Assert.Equal(1, (await designs.OpenAsync(admin, checklistId)).Tree.Count);
    }

    [Fact]
    public async Task TwoDesignersOnTheSameDraft_TheSecondSaveShowsTheConflict_AndRecarregarLoadsTheOtherChanges()
    {
        var designs = Db.Get<ChecklistDesignService>();
        var design = await designs.OpenAsync(admin, checklistId);
        Ok(await designs.AddRootAsync(admin, design, riscado.Id));
        Ok(await designs.AddRootAsync(admin, design, descreva.Id));

        var cut = RenderDesigner();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[role=treeitem]").Count));
        // meanwhile another designer adds a question
        var other = await designs.OpenAsync(admin, checklistId);
        Ok(await designs.AddRootAsync(admin, other, onde.Id));

        Item(cut, "Produto está riscado?").KeyDown(new KeyboardEventArgs { Key = "ArrowDown", AltKey = true });
        cut.WaitForAssertion(() => Assert.Contains("Conflito de edição", cut.Find("[data-testid=designer-conflict]").TextContent));
        Assert.Equal("alert", cut.Find("[data-testid=designer-conflict]").GetAttribute("role"));
        Assert.Equal(["Produto está riscado?", "Descreva"], cut.FindAll("[role=tree] > [role=treeitem]").Select(e => e.GetAttribute("aria-label")));
        var saved = await designs.OpenAsync(admin, checklistId);
        Assert.Equal(riscado.Id, saved.Tree.Roots[0].QuestionId); // my move was not saved over theirs
        Assert.Equal(3, saved.Tree.Count);

        cut.Find("[data-testid=designer-conflict] button").Click();
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[role=treeitem]").Count));
        Assert.Empty(cut.FindAll("[data-testid=designer-conflict]"));
        Item(cut, "Produto está riscado?").KeyDown(new KeyboardEventArgs { Key = "ArrowDown", AltKey = true });
        cut.WaitForAssertion(() => Assert.Equal("Descreva", cut.FindAll("[role=tree] > [role=treeitem]")[0].GetAttribute("aria-label")));
        Assert.Equal(descreva.Id, (await designs.OpenAsync(admin, checklistId)).Tree.Roots[0].QuestionId);
    }

    [Fact]
    public async Task AltRightUnderAParentWithSeveralAnswers_AsksWhichAnswer_AndAnnouncesIt()
    {
        var designs = Db.Get<ChecklistDesignService>();
        var design = await designs.OpenAsync(admin, checklistId);
        Ok(await designs.AddRootAsync(admin, design, onde.Id));
        var nDescreva = Ok(await designs.AddRootAsync(admin, design, descreva.Id));

        var cut = RenderDesignerWithDialogs();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[role=treeitem]").Count));
        Item(cut, "Descreva").KeyDown(new KeyboardEventArgs { Key = "ArrowRight", AltKey = true });
        cut.WaitForAssertion(() => Assert.Equal(["se Corpo", "se Tampa", "se Ponta"],
            cut.FindAll("[data-testid=designer-answer-picker] button").Select(b => b.TextContent.Trim())));
        Assert.Equal("1", Item(cut, "Descreva").GetAttribute("aria-level")); // nothing moves before the answer is chosen
        Click(cut, "[data-testid=designer-answer-picker] button", "se Tampa");

        cut.WaitForAssertion(() => Assert.Equal("2", Item(cut, "Descreva").GetAttribute("aria-level")));
        Assert.Contains("se Tampa", Item(cut, "Descreva").ParentElement!.Closest("[data-testid=designer-answer]")!.QuerySelector(".designer-chip")!.TextContent);
        Assert.Contains("\"Descreva\" aninhada sob \"Onde está o risco?\", se Tampa.", cut.Find("[data-testid=designer-live]").TextContent);
        var saved = (await designs.OpenAsync(admin, checklistId)).Tree.Find(nDescreva)!;
        Assert.Equal([onde.Options.First(o => o.Text == "Tampa").Id], saved.OptionIds);
        // one change: a single undo puts it back at the top level
        cut.FindAll("button").Single(b => b.GetAttribute("aria-label") == "Desfazer (Ctrl+Z)").Click();
        cut.WaitForAssertion(() => Assert.Equal("1", Item(cut, "Descreva").GetAttribute("aria-level")));
    }

    [Fact]
    public async Task AQuestionDraggedFromTheLibraryOntoAnAnswer_IsAddedThere_AndPlusStillAddsAtTheTop()
    {
        var designs = Db.Get<ChecklistDesignService>();
        var design = await designs.OpenAsync(admin, checklistId);
        var nRiscado = Ok(await designs.AddRootAsync(admin, design, riscado.Id));

        var cut = RenderDesigner();
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=library-item]").Count));
        AngleSharp.Dom.IElement Handle(string text) =>
            cut.FindAll("[data-testid=library-item]").Single(li => li.TextContent.Contains(text)).QuerySelector("[data-testid=library-handle]")!;
        AngleSharp.Dom.IElement Chip(string text) => cut.FindAll(".designer-answer-head").First(h => h.TextContent.Contains(text));

        Handle("Onde está o risco?").DragStart();
        cut.WaitForAssertion(() => Assert.DoesNotContain("idle", cut.Find("[data-testid=designer-drop-start]").ClassName));
        Chip("se Não").DragEnter();
        cut.WaitForAssertion(() => Assert.Contains("drop-ok", Chip("se Não").ClassName));
        Chip("se Não").Drop();
        Handle("Onde está o risco?").DragEnd();

        cut.WaitForAssertion(() => Assert.Equal("2", Item(cut, "Onde está o risco?").GetAttribute("aria-level")));
        Assert.Contains("se Não", Item(cut, "Onde está o risco?").ParentElement!.Closest("[data-testid=designer-answer]")!.QuerySelector(".designer-chip")!.TextContent);
        Assert.Contains("\"Onde está o risco?\" adicionada", cut.Find("[data-testid=designer-live]").TextContent);
        var saved = (await designs.OpenAsync(admin, checklistId)).Tree;
        Assert.Equal([riscado.Options.First(o => o.Text == "Não").Id], Assert.Single(saved.ChildrenOf(nRiscado)).OptionIds);

        cut.FindAll("button").Single(b => b.GetAttribute("aria-label") == "Adicionar \"Descreva\"").Click();
        cut.WaitForAssertion(() => Assert.Equal("1", Item(cut, "Descreva").GetAttribute("aria-level")));
    }

    [Fact]
    public async Task ThePreviewsShowAllBranchesSwitch_ShowsHiddenFollowersGreyedWithTheirCondition()
    {
        var designs = Db.Get<ChecklistDesignService>();
        var design = await designs.OpenAsync(admin, checklistId);
        var nRiscado = Ok(await designs.AddRootAsync(admin, design, riscado.Id));
        var nOnde = Ok(await designs.AddFollowUpAsync(admin, design, nRiscado, onde.Id, [riscado.Options[0].Id]));
        Ok(await designs.AddFollowUpAsync(admin, design, nOnde, descreva.Id,
            [onde.Options.First(o => o.Text == "Tampa").Id, onde.Options.First(o => o.Text == "Ponta").Id]));

        var cut = RenderDesigner();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=designer-preview] .checklist-fill-node")));
        cut.Find("input[data-testid=designer-show-all]").Change(true);

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=designer-preview] .checklist-fill-node").Count));
        var hidden = cut.FindAll("[data-testid=designer-preview] .checklist-fill-node[data-hidden=true]");
        Assert.Equal(2, hidden.Count);
        Assert.All(hidden, h => Assert.Contains("checklist-fill-hidden", h.ClassName));
        Assert.Equal(["Aparece quando \"Produto está riscado?\" for Sim", "Aparece quando \"Onde está o risco?\" for Tampa ou Ponta"],
            cut.FindAll("[data-testid=checklist-condition]").Select(c => c.TextContent.Trim()));

        cut.Find("input[data-testid=designer-show-all]").Change(false);
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=designer-preview] .checklist-fill-node")));
    }
}
