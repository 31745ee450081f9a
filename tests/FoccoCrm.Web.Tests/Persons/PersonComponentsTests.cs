using Bunit;
using FluentValidation;
using FoccoCrm.Core.Catalogs;
using FoccoCrm.Core.Common;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Persons;
using FoccoCrm.Web.Features.Persons;
using FoccoCrm.Web.Tests.Layout;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Extensions;

namespace FoccoCrm.Web.Tests.Persons;

public class PersonComponentsTests : ComponentTestBase
{
    private PersonService Persons => Db.Get<PersonService>();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Services.AddSingleton(Persons);
        Services.AddSingleton(Db.Get<ContactService>());
        Services.AddSingleton(Db.Get<CatalogService<ContactType>>());
        Services.AddSingleton(Db.Get<IValidator<PersonInput>>());
        Services.AddSingleton(Db.Get<IValidator<ContactInput>>());
    }

    private static PersonInput Legal(string name, int n) =>
        new() { Type = PersonType.Legal, Roles = PersonRoles.Customer, Name = name, Document = Cnpj.WithCheckDigits(n.ToString("D8") + "0001") };

    [Fact]
    public async Task PersonList_ShowsOnePageFromTheServer_AndTheRoleFilterNarrowsIt()
    {
        var agent = await Db.UserAsync("a@x.test", Roles.Agent);
        for (var i = 1; i <= 30; i++) await Persons.CreateAsync(agent, Legal($"Cliente {i:D2}", i));
        await Persons.CreateAsync(agent, new PersonInput { Type = PersonType.Individual, Roles = PersonRoles.Consumer, Name = "Zélia Consumidora", Document = Cpf.WithCheckDigits("123456789") });

        var cut = RenderAs<PersonList>(agent);
        cut.WaitForAssertion(() => Assert.Contains("Cliente 01", cut.Markup));
        Assert.Equal(25, cut.FindAll("tbody tr").Count); // first page of 25 of 31
        Assert.DoesNotContain("Zélia Consumidora", cut.Markup);
        Assert.Contains("1–25 de 31", cut.Markup);

        var select = cut.FindComponent<MudSelect<PersonRoles?>>();
        await cut.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(PersonRoles.Consumer));
        cut.WaitForAssertion(() =>
        {
            Assert.Contains("Zélia Consumidora", cut.Markup);
            Assert.Single(cut.FindAll("tbody tr"));
        });
        Assert.DoesNotContain("Cliente 01", cut.Markup);
        Assert.Contains("123.456.789", cut.Markup);
    }

    [Fact]
    public async Task PersonForm_SwitchesBetweenCnpjAndCpfWithThePersonType()
    {
        var agent = await Db.UserAsync("a@x.test", Roles.Agent);
        var cut = RenderAs<PersonForm>(agent, b => b.AddAttribute(5, nameof(PersonForm.Initial), new PersonInput { Type = PersonType.Legal }));
        string DocumentLabel() => cut.FindComponents<MudTextField<string>>().Single(f => f.Instance.For?.Body.ToString().EndsWith("Document") == true).Instance.Label!;
        Assert.Equal("CNPJ", DocumentLabel());
        Assert.Contains("Razão social", cut.Markup);

        var group = cut.FindComponent<MudRadioGroup<PersonType>>();
        await cut.InvokeAsync(() => group.Instance.ValueChanged.InvokeAsync(PersonType.Individual));
        cut.WaitForAssertion(() => Assert.Equal("CPF", DocumentLabel()));
        Assert.Contains("000.000.000-00", cut.Markup);
        Assert.Contains(cut.FindAll("button"), b => b.TextContent.Contains("Salvar"));
    }

    [Fact]
    public async Task PersonForm_IsReadOnlyForRepresentatives()
    {
        var rep = await Db.UserAsync("r@x.test", Roles.Representative);
        var cut = RenderAs<PersonForm>(rep, b => b.AddAttribute(5, nameof(PersonForm.Initial), new PersonInput { Type = PersonType.Legal, Name = "X" }));
        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent.Contains("Salvar"));
        Assert.True(cut.FindComponent<MudForm>().Instance.ReadOnly);
    }

    [Fact]
    public async Task NewConsumer_PresetsIndividualAndConsumer_AndKeepsTypedInputWhenThePageRerenders()
    {
        var agent = await Db.UserAsync("a@x.test", Roles.Agent);
        var cut = RenderAs<PersonPage>(agent, url: "/persons/new?preset=consumer");

        var document = cut.FindComponents<MudTextField<string>>().Single(f => f.Instance.For?.Body.ToString().EndsWith("Document") == true);
        Assert.Equal("CPF", document.Instance.Label);
        Assert.True(cut.FindComponents<MudCheckBox<bool>>().Single(c => c.Instance.Label == "Consumidor").Instance.GetState(x => x.Value));
        Assert.False(cut.FindComponents<MudCheckBox<bool>>().Single(c => c.Instance.Label == "Cliente").Instance.GetState(x => x.Value));
        Assert.Contains("FERM0101", cut.Markup);

        cut.Find("input[maxlength='150']").Change("Maria Consumidora");
        await cut.InvokeAsync(() => cut.FindComponent<PersonPage>().Instance.SetParametersAsync(ParameterView.Empty)); // parent re-render
        Assert.Equal("Maria Consumidora", cut.FindComponents<MudTextField<string>>().First(f => f.Instance.Label == "Nome").Instance.GetState(x => x.Value));
    }
}
