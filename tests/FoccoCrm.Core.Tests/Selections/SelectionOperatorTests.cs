using FoccoCrm.Core.Persons;
using FoccoCrm.Core.Selections;
using static FoccoCrm.Core.Tests.Selections.SelectionTestData;
using Op = FoccoCrm.Core.Selections.SelectionOperator;

namespace FoccoCrm.Core.Tests.Selections;

/// <summary>One migrated database with <see cref="SelectionTestData"/>, shared by the read-only operator tests.</summary>
public sealed class SelectionDataFixture : IAsyncLifetime
{
    public TestDb Db { get; } = new();
    public SelectionTestData Data { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Db.InitializeAsync();
        Data = await SelectionTestData.CreateAsync(Db);
    }

    public Task DisposeAsync() => Db.DisposeAsync();
}

/// <summary>Every operator and related-data mode against the hand-checked expectations of <see cref="SelectionTestData"/>.</summary>
public sealed class SelectionOperatorTests(SelectionDataFixture f) : IClassFixture<SelectionDataFixture>
{
    private SelectionTestData D => f.Data;
    private SelectionService Service => f.Db.Get<SelectionService>();

    private static readonly Dictionary<string, (Func<SelectionTestData, SelectionDefinition> Rule, Func<SelectionTestData, int[]> Expected)> Cases = new()
    {
        ["empty rule = everyone"] = (d => Def(), d => [d.Ana, d.Bruno, d.Carla, d.Davi, d.Roberto]),
        ["roles In"] = (d => Def(C("person.roles", Op.In, "Customer")), d => [d.Ana, d.Bruno, d.Carla]),
        ["roles NotIn"] = (d => Def(C("person.roles", Op.NotIn, "Customer")), d => [d.Davi, d.Roberto]),
        ["roles filter of the definition"] = (d => new SelectionDefinition { Roles = PersonRoles.Supplier | PersonRoles.Representative }, d => [d.Davi, d.Roberto]),
        ["type Equals"] = (d => Def(C("person.type", Op.Equals, "Legal")), d => [d.Ana, d.Bruno]),
        ["type NotEquals"] = (d => Def(C("person.type", Op.NotEquals, "Legal")), d => [d.Carla, d.Davi, d.Roberto]),
        ["type In"] = (d => Def(C("person.type", Op.In, "Individual")), d => [d.Carla, d.Davi, d.Roberto]),
        ["name Equals"] = (d => Def(C("person.name", Op.Equals, "Ana Ltda")), d => [d.Ana]),
        ["name NotEquals"] = (d => Def(C("person.name", Op.NotEquals, "Ana Ltda")), d => [d.Bruno, d.Carla, d.Davi, d.Roberto]),
        ["name Contains (case-insensitive)"] = (d => Def(C("person.name", Op.Contains, "LI")), d => [d.Davi]),
        ["name StartsWith"] = (d => Def(C("person.name", Op.StartsWith, "b")), d => [d.Bruno]),
        ["name In"] = (d => Def(C("person.name", Op.In, "Ana Ltda", "Davi Lima")), d => [d.Ana, d.Davi]),
        ["name NotIn"] = (d => Def(C("person.name", Op.NotIn, "Ana Ltda")), d => [d.Bruno, d.Carla, d.Davi, d.Roberto]),
        ["LIKE wildcards are literal"] = (d => Def(C("person.name", Op.Contains, "%")), d => []),
        ["email IsEmpty"] = (d => Def(C("person.email", Op.IsEmpty)), d => [d.Bruno, d.Carla, d.Davi, d.Roberto]),
        ["email IsNotEmpty"] = (d => Def(C("person.email", Op.IsNotEmpty)), d => [d.Ana]),
        ["phone IsNotEmpty"] = (d => Def(C("person.phone", Op.IsNotEmpty)), d => [d.Carla]),
        ["active IsTrue"] = (d => Def(C("person.active", Op.IsTrue)), d => [d.Ana, d.Bruno, d.Davi, d.Roberto]),
        ["active IsFalse"] = (d => Def(C("person.active", Op.IsFalse)), d => [d.Carla]),
        ["createdAt Before (company days)"] = (d => Def(C("person.createdAt", Op.Before, "2026-01-10")), d => [d.Davi, d.Roberto]),
        ["createdAt Equals"] = (d => Def(C("person.createdAt", Op.Equals, "2026-01-10")), d => [d.Ana]),
        ["createdAt After"] = (d => Def(C("person.createdAt", Op.After, "2026-06-01")), d => [d.Carla]),
        ["createdAt Between (inclusive)"] = (d => Def(C("person.createdAt", Op.Between, "2026-01-01", "2026-06-01")), d => [d.Ana, d.Bruno, d.Roberto]),
        ["createdAt WithinLastDays"] = (d => Def(C("person.createdAt", Op.WithinLastDays, 10)), d => [d.Carla]),
        ["createdAt MoreThanDaysAgo"] = (d => Def(C("person.createdAt", Op.MoreThanDaysAgo, 300)), d => [d.Ana, d.Davi, d.Roberto]),
        ["city In"] = (d => Def(C("person.city", Op.In, "Joinville", "Santos")), d => [d.Ana, d.Carla]),
        ["city Contains ignores accents (trigram index)"] = (d => Def(C("person.city", Op.Contains, "florianopolis")), d => [d.Davi]),
        ["city Contains ignores case beyond ASCII"] = (d => Def(C("person.city", Op.Contains, "ÓPOLIS")), d => [d.Davi]),
        ["name Contains three letters or more (trigram index)"] = (d => Def(C("person.name", Op.Contains, "SOUZ")), d => [d.Carla]),
        ["name Contains with a quote is one literal phrase"] = (d => Def(C("person.name", Op.Contains, "Ana\" OR \"Bruno")), d => []),
        ["tradeName Contains (nobody has one)"] = (d => Def(C("person.tradeName", Op.Contains, "Ltda")), d => []),
        ["state In"] = (d => Def(C("person.state", Op.In, "SC", "PR")), d => [d.Ana, d.Bruno, d.Davi]),
        ["state NotIn"] = (d => Def(C("person.state", Op.NotIn, "SC")), d => [d.Bruno, d.Carla, d.Roberto]),
        ["state Equals (lower case accepted)"] = (d => Def(C("person.state", Op.Equals, "sc")), d => [d.Ana, d.Davi]),
        ["zip StartsWith (mask ignored)"] = (d => Def(C("person.zipCode", Op.StartsWith, "89.2")), d => [d.Ana]),
        ["zip StartsWith prefix"] = (d => Def(C("person.zipCode", Op.StartsWith, "8")), d => [d.Ana, d.Bruno, d.Davi]),
        ["contacts AtLeastOne, same contact"] = (d => Def(Rel("contacts", RelatedMode.AtLeastOne, C("contact.type", Op.In, d.Comprador), C("contact.hasEmail", Op.IsTrue))), d => [d.Ana]),
        ["contacts AtLeastOne, not mixing contacts"] = (d => Def(Rel("contacts", RelatedMode.AtLeastOne, C("contact.type", Op.In, d.Vendas), C("contact.hasEmail", Op.IsTrue))), d => []),
        ["contacts None"] = (d => Def(Rel("contacts", RelatedMode.None)), d => [d.Carla, d.Davi, d.Roberto]),
        ["contacts All (vacuous without contacts)"] = (d => Def(Rel("contacts", RelatedMode.All, C("contact.type", Op.In, d.Comprador))), d => [d.Bruno, d.Carla, d.Davi, d.Roberto]),
        ["contacts AtLeastN"] = (d => Def(RelN("contacts", 2)), d => [d.Ana]),
        ["contacts birthday month"] = (d => Def(Rel("contacts", RelatedMode.AtLeastOne, C("contact.birthMonth", Op.In, 11))), d => [d.Bruno]),
        ["contacts birthday month IsEmpty"] = (d => Def(Rel("contacts", RelatedMode.AtLeastOne, C("contact.birthMonth", Op.IsEmpty))), d => [d.Ana]),
        ["contacts hasPhone"] = (d => Def(Rel("contacts", RelatedMode.AtLeastOne, C("contact.hasPhone", Op.IsTrue))), d => [d.Ana]),
        ["contacts name Contains"] = (d => Def(Rel("contacts", RelatedMode.AtLeastOne, C("contact.name", Op.Contains, "bruno"))), d => [d.Bruno]),
        ["tickets open Cancelamento (current company only)"] = (d => Def(Rel("tickets", RelatedMode.AtLeastOne, C("ticket.type", Op.In, d.Cancelamento), C("ticket.status", Op.In, "Opened", "InExecution"))), d => [d.Ana, d.Davi]),
        ["tickets None"] = (d => Def(Rel("tickets", RelatedMode.None)), d => [d.Carla, d.Roberto]),
        ["tickets All"] = (d => Def(Rel("tickets", RelatedMode.All, C("ticket.status", Op.Equals, "Opened"))), d => [d.Bruno, d.Carla, d.Roberto]),
        ["tickets AtLeastN 2"] = (d => Def(RelN("tickets", 2)), d => [d.Ana]),
        ["tickets AtLeastN 2 of a type"] = (d => Def(RelN("tickets", 2, C("ticket.type", Op.Equals, d.Suporte))), d => []),
        ["tickets origin"] = (d => Def(Rel("tickets", RelatedMode.AtLeastOne, C("ticket.origin", Op.Equals, "Active"))), d => [d.Davi]),
        ["tickets priority NotEquals"] = (d => Def(Rel("tickets", RelatedMode.AtLeastOne, C("ticket.priority", Op.NotEquals, "Normal"))), d => []),
        ["tickets opened within 3 days"] = (d => Def(Rel("tickets", RelatedMode.AtLeastOne, C("ticket.openedAt", Op.WithinLastDays, 3))), d => [d.Bruno, d.Davi]),
        ["tickets closedAt IsNotEmpty"] = (d => Def(Rel("tickets", RelatedMode.AtLeastOne, C("ticket.closedAt", Op.IsNotEmpty))), d => [d.Ana]),
        ["tickets reason"] = (d => Def(Rel("tickets", RelatedMode.AtLeastOne, C("ticket.reason", Op.In, d.SupportReason))), d => [d.Bruno]),
        ["occurrences type+status"] = (d => Def(Rel("occurrences", RelatedMode.AtLeastOne, C("occurrence.type", Op.In, d.Troca), C("occurrence.status", Op.In, "Open"))), d => [d.Bruno]),
        ["occurrences reason + date Before"] = (d => Def(Rel("occurrences", RelatedMode.AtLeastOne, C("occurrence.reason", Op.In, d.Defeito), C("occurrence.occurredAt", Op.Before, "2026-11-01"))), d => []),
        ["last purchase more than 90 days ago"] = (d => Def(C("purchases.lastDate", Op.MoreThanDaysAgo, 90)), d => [d.Bruno]),
        ["last purchase IsEmpty (other company's invoice ignored)"] = (d => Def(C("purchases.lastDate", Op.IsEmpty)), d => [d.Carla, d.Davi, d.Roberto]),
        ["no invoice in the last 90 days"] = (d => Def(Rel("invoices", RelatedMode.None, C("invoice.issueDate", Op.WithinLastDays, 90))), d => [d.Bruno, d.Carla, d.Davi, d.Roberto]),
        ["purchases total 365 ≥ 1000"] = (d => Def(C("purchases.total365", Op.GreaterOrEqual, 1000)), d => [d.Ana]),
        ["purchases total 90 < 100 (no purchase = 0)"] = (d => Def(C("purchases.total90", Op.LessThan, 100)), d => [d.Bruno, d.Carla, d.Davi, d.Roberto]),
        ["purchases total 30 Equals"] = (d => Def(C("purchases.total30", Op.Equals, 1500)), d => [d.Ana]),
        ["invoice product In"] = (d => Def(Rel("invoices", RelatedMode.AtLeastOne, C("invoice.product", Op.In, d.ProductA))), d => [d.Ana]),
        ["invoice product NotIn"] = (d => Def(Rel("invoices", RelatedMode.AtLeastOne, C("invoice.product", Op.NotIn, d.ProductA))), d => [d.Ana, d.Bruno]),
        ["invoice total GreaterThan"] = (d => Def(Rel("invoices", RelatedMode.AtLeastOne, C("invoice.total", Op.GreaterThan, 250))), d => [d.Ana]),
        ["invoice total LessOrEqual + date After"] = (d => Def(Rel("invoices", RelatedMode.AtLeastOne, C("invoice.total", Op.LessOrEqual, 300), C("invoice.issueDate", Op.After, "2026-01-10"))), d => [d.Ana]),
        ["overdue amount > 999.99"] = (d => Def(C("receivables.overdueAmount", Op.GreaterThan, "999.99")), d => [d.Ana]),
        ["open amount ≥ 500"] = (d => Def(C("receivables.openAmount", Op.GreaterOrEqual, 500)), d => [d.Ana, d.Bruno]),
        ["receivable status Overdue"] = (d => Def(Rel("receivables", RelatedMode.AtLeastOne, C("receivable.status", Op.In, "Overdue"))), d => [d.Ana]),
        ["receivable status Paid"] = (d => Def(Rel("receivables", RelatedMode.AtLeastOne, C("receivable.status", Op.Equals, "Paid"))), d => [d.Davi]),
        ["receivable status NotIn Open"] = (d => Def(Rel("receivables", RelatedMode.AtLeastOne, C("receivable.status", Op.NotIn, "Open"))), d => [d.Ana, d.Davi]),
        ["days overdue > 25"] = (d => Def(Rel("receivables", RelatedMode.AtLeastOne, C("receivable.daysOverdue", Op.GreaterThan, 25))), d => [d.Ana]),
        ["days overdue > 26"] = (d => Def(Rel("receivables", RelatedMode.AtLeastOne, C("receivable.daysOverdue", Op.GreaterThan, 26))), d => []),
        ["days overdue Equals 26"] = (d => Def(Rel("receivables", RelatedMode.AtLeastOne, C("receivable.daysOverdue", Op.Equals, 26))), d => [d.Ana]),
        ["days overdue Equals 0"] = (d => Def(Rel("receivables", RelatedMode.AtLeastOne, C("receivable.daysOverdue", Op.Equals, 0))), d => [d.Bruno, d.Davi]),
        ["days overdue Between 1 and 30"] = (d => Def(Rel("receivables", RelatedMode.AtLeastOne, C("receivable.daysOverdue", Op.Between, 1, 30))), d => [d.Ana]),
        ["days overdue LessThan 1"] = (d => Def(Rel("receivables", RelatedMode.AtLeastOne, C("receivable.daysOverdue", Op.LessThan, 1))), d => [d.Bruno, d.Davi]),
        ["receivable open amount Equals"] = (d => Def(Rel("receivables", RelatedMode.AtLeastOne, C("receivable.openAmount", Op.Equals, 500))), d => [d.Bruno]),
        ["receivable amount NotEquals"] = (d => Def(Rel("receivables", RelatedMode.AtLeastOne, C("receivable.amount", Op.NotEquals, 1000))), d => [d.Bruno, d.Davi]),
        ["receivable due After"] = (d => Def(Rel("receivables", RelatedMode.AtLeastOne, C("receivable.dueDate", Op.After, "2026-12-01"))), d => [d.Bruno]),
        ["representative In (current company)"] = (d => Def(C("person.representative", Op.In, d.Roberto)), d => [d.Ana]),
        ["representative NotIn"] = (d => Def(C("person.representative", Op.NotIn, d.Roberto)), d => [d.Bruno, d.Carla, d.Davi, d.Roberto]),
        ["representative IsEmpty"] = (d => Def(C("person.representative", Op.IsEmpty)), d => [d.Bruno, d.Carla, d.Davi, d.Roberto]),
        ["representative IsNotEmpty"] = (d => Def(C("person.representative", Op.IsNotEmpty)), d => [d.Ana]),
        ["answer choice In"] = (d => Def(C(SelectionCatalog.AnswerKey(d.Riscado.Id), Op.In, Opt(d.Riscado, "Sim"))), d => [d.Ana]),
        ["answer choice NotIn"] = (d => Def(C(SelectionCatalog.AnswerKey(d.Riscado.Id), Op.NotIn, Opt(d.Riscado, "Sim"))), d => [d.Bruno, d.Carla, d.Davi, d.Roberto]),
        ["answer IsEmpty"] = (d => Def(C(SelectionCatalog.AnswerKey(d.Riscado.Id), Op.IsEmpty)), d => [d.Carla, d.Davi, d.Roberto]),
        ["answer IsNotEmpty"] = (d => Def(C(SelectionCatalog.AnswerKey(d.Onde.Id), Op.IsNotEmpty)), d => [d.Ana]),
        ["answer text Contains"] = (d => Def(C(SelectionCatalog.AnswerKey(d.Descreva.Id), Op.Contains, "FUN")), d => [d.Ana]),
        ["answer number GreaterThan"] = (d => Def(C(SelectionCatalog.AnswerKey(d.Veiculos.Id), Op.GreaterThan, 2)), d => [d.Ana]),
        ["answer number Between"] = (d => Def(C(SelectionCatalog.AnswerKey(d.Veiculos.Id), Op.Between, 1, 1)), d => [d.Bruno]),
        ["answer number NotEquals (unanswered included)"] = (d => Def(C(SelectionCatalog.AnswerKey(d.Veiculos.Id), Op.NotEquals, 5)), d => [d.Bruno, d.Carla, d.Davi, d.Roberto]),
        ["NOT group"] = (d => new SelectionDefinition { Root = Not(All(C("person.state", Op.In, "SC"))) }, d => [d.Bruno, d.Carla, d.Roberto]),
        ["Any of (PR, All(SC, supplier))"] = (d => new SelectionDefinition { Root = Any(C("person.state", Op.In, "PR"), All(C("person.state", Op.In, "SC"), C("person.roles", Op.In, "Supplier"))) },
            d => [d.Bruno, d.Davi]),
        ["three levels with NOT and related"] = (d => new SelectionDefinition
        {
            Root = All(C("person.roles", Op.In, "Customer"),
                Any(Rel("tickets", RelatedMode.AtLeastOne, C("ticket.type", Op.In, d.Cancelamento)),
                    Not(All(C("person.state", Op.In, "SC", "SP"), Any(C("person.active", Op.IsTrue))))))
        }, d => [d.Ana, d.Bruno, d.Carla]),
        ["incomplete conditions are left out"] = (d => Def(C("person.state", Op.In, "SC"), new SelectionCondition { Field = "person.city" }, C("person.name", Op.Equals, "")),
            d => [d.Ana, d.Davi]),
    };

    private static string Opt(Core.Checklists.QuestionDetail q, string text) => q.Options.First(o => o.Text == text).Id.ToString();

    public static TheoryData<string> Names => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Rule_SelectsTheHandCheckedPersons(string name)
    {
        var (rule, expected) = Cases[name];
        var def = SelectionDefinition.FromJson(rule(D).ToJson()); // through the stored form
        var page = await Service.PreviewAsync(D.Manager, def, 0, 100);
        Assert.Equal(expected(D).Select(D.Name).Order(), page.Items.Select(i => i.Name).Order());
        Assert.Equal(expected(D).Length, await Service.CountAsync(D.Manager, def));
    }

    [Fact]
    public async Task ContactsTarget_SelectsContactsWithTheirPerson()
    {
        var def = new SelectionDefinition { Target = SelectionTarget.Contacts, Root = All(C("contact.type", Op.In, D.Comprador)) };
        Assert.Equal(2, await Service.CountAsync(D.Manager, def));
        var rows = (await Service.PreviewAsync(D.Manager, def, 0, 10)).Items;
        Assert.Equal([("Ana Ltda", "Comprador Ana"), ("Bruno ME", "Comprador Bruno")], rows.Select(r => (r.Name, r.ContactName!)));

        var mixed = new SelectionDefinition { Target = SelectionTarget.Contacts, Root = All(C("person.state", Op.In, "SC"), C("contact.hasEmail", Op.IsFalse)) };
        Assert.Equal("Vendas Ana", Assert.Single((await Service.PreviewAsync(D.Manager, mixed, 0, 10)).Items).ContactName);
    }

    [Fact]
    public async Task Explain_GivesEachTopLevelAndInnerCondition()
    {
        var def = Def(C("person.state", Op.In, "SC"),
            Rel("tickets", RelatedMode.AtLeastOne, C("ticket.type", Op.In, D.Cancelamento), C("ticket.status", Op.In, "Closed")),
            C("person.email", Op.IsNotEmpty));
        var why = await Service.ExplainAsync(D.Manager, def, D.Davi);
        Assert.False(why.Matches);
        // state SC: yes; ticket (Cancelamento AND Closed): no; inner: a Cancelamento: yes, a Closed: no; email: no
        Assert.Equal([true, false, true, false, false], why.Nodes.Select(n => n.Result));
        Assert.Equal(["1", "2", "2.1", "2.2", "3"], why.Nodes.Select(n => n.Path));
        Assert.Equal([false, false, true, true, false], why.Nodes.Select(n => n.InsideRelation));
        Assert.True((await Service.ExplainAsync(D.Manager, Def(C("person.state", Op.In, "SC")), D.Ana)).Matches);
    }
}
