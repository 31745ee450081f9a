using Bunit;
using FoccoCrm.Core.Catalogs;
using FoccoCrm.Core.Checklists;
using FoccoCrm.Core.Common;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Persons;
using FoccoCrm.Web.Features.Checklists;
using FoccoCrm.Web.Tests.Layout;
using Microsoft.Extensions.DependencyInjection;

namespace FoccoCrm.Web.Tests.Checklists;

/// <summary>The person page's "Dados adicionais" tab (FERM0201): who may fill and who only reads.</summary>
public class PersonAdditionalDataTests : ComponentTestBase
{
    private CurrentUser agent = default!, representative = default!;
    private int person, checklistId;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Services.AddSingleton(Db.Get<PersonChecklistService>());
        var company = await Db.CompanyAsync("01");
        var admin = await Db.UserAsync("admin@x.test", Roles.Administrator, company);
        var grouper = await Db.Get<CatalogService<QuestionGrouper>>().CreateAsync(admin,
            new CatalogEntryInput { Kind = CatalogKind.QuestionGrouper, Code = 1, Description = "Cadastro" });
        var type = await Db.Get<CatalogService<ChecklistType>>().CreateAsync(admin,
            new CatalogEntryInput { Kind = CatalogKind.ChecklistType, Code = 3, Description = "Dados cadastrais", Usage = ChecklistUsage.Registration });
        var questions = Db.Get<QuestionService>();
        var frota = await questions.GetAsync(admin, await questions.CreateAsync(admin,
            new QuestionInput { Text = "Possui frota própria?", GrouperId = grouper, Kind = AnswerKind.YesNo }));
        var checklists = Db.Get<ChecklistService>();
        checklistId = await checklists.CreateAsync(admin,
            new ChecklistInput { Code = "PERFIL", Description = "Perfil do cliente", TypeId = type, CompanyIds = [company] });
        var designs = Db.Get<ChecklistDesignService>();
        Assert.True((await designs.AddRootAsync(admin, await designs.OpenAsync(admin, checklistId), frota.Id)).Ok);
        await checklists.PublishAsync(admin, checklistId, (await checklists.GetAsync(admin, checklistId)).Version);

        agent = await Db.UserAsync("agent@x.test", Roles.Agent, company);
        var persons = Db.Get<PersonService>();
        person = await persons.CreateAsync(agent, Legal("Metal Sul Ltda.", 1, PersonRoles.Customer));
        var rep = await persons.CreateAsync(agent, Legal("Rep Ltda.", 2, PersonRoles.Representative));
        await persons.AssignAsync(await Db.UserAsync("manager@x.test", Roles.Manager, company), company, person, rep);
        representative = await Db.UserAsync("rep@x.test", Roles.Representative, company);
        await Db.LinkPersonAsync(representative.Id, rep);

        var form = await Db.Get<PersonChecklistService>().GetAsync(agent, person, checklistId);
        var sim = frota.Options.First(o => o.Text == "Sim").Id;
        await Db.Get<PersonChecklistService>().SaveAsync(agent, person, checklistId,
            new PersonChecklistSave { VersionId = form.VersionId, Answers = [ChecklistAnswer.Options(form.Definition.Nodes[0].Id, sim)] });
    }

    private static PersonInput Legal(string name, int n, PersonRoles roles) => new()
    {
        Type = PersonType.Legal, Roles = roles, Name = name, Document = Cnpj.Format(Cnpj.WithCheckDigits(n.ToString("D8") + "0001")),
        State = "SC", ZipCode = "89201-000",
    };

    [Fact]
    public void ARepresentativeSeesTheAnswersReadOnly_WithoutSave_AndCannotChangeThem()
    {
        var cut = RenderAs<PersonAdditionalData>(representative, ("PersonId", person));
        cut.WaitForAssertion(() => cut.FindAll("button").First(b => b.TextContent.Trim() == "Abrir").Click());

        cut.WaitForAssertion(() => Assert.Contains("Somente leitura", cut.Markup));
        var fill = cut.Find("[data-testid=checklist-fill]");
        var yes = fill.QuerySelectorAll("button").Single(b => b.TextContent.Trim() == "Sim");
        Assert.Equal("true", yes.GetAttribute("aria-pressed"));
        Assert.All(fill.QuerySelectorAll("button"), b => Assert.True(b.HasAttribute("disabled")));
        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent.Trim() == "Salvar");
        Assert.Contains(cut.FindAll("button"), b => b.TextContent.Trim() == "Voltar");
    }

    [Fact]
    public void AnAgentOfTheSamePersonGetsTheEditableForm_WithSave()
    {
        var cut = RenderAs<PersonAdditionalData>(agent, ("PersonId", person));
        cut.WaitForAssertion(() => cut.FindAll("button").First(b => b.TextContent.Trim() == "Abrir").Click());

        cut.WaitForAssertion(() => Assert.Contains(cut.FindAll("button"), b => b.TextContent.Trim() == "Salvar"));
        Assert.DoesNotContain("Somente leitura", cut.Markup);
        Assert.All(cut.Find("[data-testid=checklist-fill]").QuerySelectorAll("button"), b => Assert.False(b.HasAttribute("disabled")));
    }
}
