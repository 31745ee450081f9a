using Bunit;
using FluentValidation;
using FoccoCrm.Core.Catalogs;
using FoccoCrm.Core.Checklists;
using FoccoCrm.Core.Identity;
using FoccoCrm.Web.Features.Checklists;
using FoccoCrm.Web.Tests.Layout;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace FoccoCrm.Web.Tests.Checklists;

public class QuestionDialogTests : ComponentTestBase
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Services.AddSingleton(Db.Get<QuestionService>());
        Services.AddSingleton(Db.Get<CatalogService<QuestionGrouper>>());
        Services.AddSingleton(Db.Get<IValidator<QuestionInput>>());
    }

    [Fact]
    public async Task EditingReordersAndRemovesOptions_AndSavesThemInThatOrderKeepingIds()
    {
        var admin = await Db.UserAsync("admin@x.test", Roles.Administrator);
        var grouper = await Db.Get<CatalogService<QuestionGrouper>>().CreateAsync(admin,
            new CatalogEntryInput { Kind = CatalogKind.QuestionGrouper, Code = 3, Description = "Defeito" });
        var questions = Db.Get<QuestionService>();
        var id = await questions.CreateAsync(admin, new QuestionInput
        {
            Text = "Onde está o risco?", GrouperId = grouper, Kind = AnswerKind.SingleChoice,
            Options = [new() { Text = "Corpo" }, new() { Text = "Tampa" }, new() { Text = "Ponta" }],
        });
        var before = await questions.GetAsync(admin, id);

        var cut = RenderAs<MudDialogProvider>(admin);
        var dialogs = Services.GetRequiredService<IDialogService>();
        IDialogReference? reference = null;
        await cut.InvokeAsync(async () => reference = await dialogs.ShowAsync<QuestionDialog>("Editar",
            new DialogParameters<QuestionDialog> { { x => x.QuestionId, id } }));
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=question-option]").Count));

        cut.Find("button[aria-label='Mover a opção 3 para cima']").Click(); // Corpo, Ponta, Tampa
        cut.Find("button[aria-label='Remover a opção 1']").Click();          // Ponta, Tampa
        cut.FindAll("button").Single(b => b.TextContent.Contains("Adicionar opção")).Click();
        cut.FindAll("[data-testid=question-option] input")[2].Change("Clipe");
        cut.FindAll("button").Single(b => b.TextContent.Trim() == "Salvar").Click();

        var result = await reference!.Result;
        Assert.False(result!.Canceled);
        var after = await questions.GetAsync(admin, id);
        Assert.Equal(["Ponta", "Tampa", "Clipe"], after.Options.Select(o => o.Text));
        Assert.Equal(before.Options.Single(o => o.Text == "Ponta").Id, after.Options[0].Id);
        Assert.Equal(before.Options.Single(o => o.Text == "Tampa").Id, after.Options[1].Id);
    }

    [Fact]
    public async Task AChoiceQuestionWithOneOptionIsRefused_WithTheLocalizedMessage()
    {
        var admin = await Db.UserAsync("admin@x.test", Roles.Administrator);
        await Db.Get<CatalogService<QuestionGrouper>>().CreateAsync(admin,
            new CatalogEntryInput { Kind = CatalogKind.QuestionGrouper, Code = 3, Description = "Defeito" });
        var cut = RenderAs<MudDialogProvider>(admin);
        await cut.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<QuestionDialog>("Nova"));
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=question-option]").Count));
        cut.Find("textarea").Change("Cor preferida?");
        cut.FindAll("[data-testid=question-option] input")[0].Change("Azul");
        cut.FindAll("button").Single(b => b.TextContent.Trim() == "Salvar").Click();
        cut.WaitForAssertion(() => Assert.Contains("Perguntas de escolha precisam de 2 a 50 respostas.", cut.Find("[role=alert]").TextContent));
        Assert.Equal(0, (await Db.Get<QuestionService>().ListAsync(admin, new QuestionQuery())).TotalCount);
    }
}
