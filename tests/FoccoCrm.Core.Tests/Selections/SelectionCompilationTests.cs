using System.Data.Common;
using FoccoCrm.Core.Common;
using FoccoCrm.Core.Persons;
using FoccoCrm.Core.Selections;
using Microsoft.EntityFrameworkCore;
using static FoccoCrm.Core.Tests.Selections.SelectionTestData;
using Op = FoccoCrm.Core.Selections.SelectionOperator;

namespace FoccoCrm.Core.Tests.Selections;

/// <summary>The compiler: SQL with parameters only, every catalog field/operator translates (no client evaluation), clear errors.</summary>
public sealed class SelectionCompilationTests(SelectionDataFixture f) : IClassFixture<SelectionDataFixture>
{
    private SelectionTestData D => f.Data;
    private SelectionService Service => f.Db.Get<SelectionService>();

    internal static async Task<DbCommand> CommandAsync(SelectionService service, Core.Data.FoccoDbContext db, Core.Identity.CurrentUser user, SelectionDefinition def)
    {
        var (persons, contacts) = await service.QueryAsync(db, user, def, default);
        return persons is not null ? persons.Select(p => p.Id).CreateDbCommand() : contacts!.Select(x => x.Contact.Id).CreateDbCommand();
    }

    [Fact]
    public async Task UserText_GoesToParameters_NeverIntoTheSql()
    {
        const string evil = "x'); DROP TABLE Persons; --";
        var def = new SelectionDefinition
        {
            Root = Any(C("person.name", Op.Contains, evil), C("person.city", Op.In, evil, "Joinville"), C("person.document", Op.StartsWith, evil),
                C(SelectionCatalog.AnswerKey(D.Descreva.Id), Op.Equals, evil),
                Rel("contacts", RelatedMode.AtLeastOne, C("contact.name", Op.Equals, evil))),
        };
        await using var db = await f.Db.DbAsync();
        await using var cmd = await CommandAsync(Service, db, D.Manager, def);
        Assert.DoesNotContain("DROP", cmd.CommandText);
        Assert.DoesNotContain("Joinville", cmd.CommandText);
        Assert.Contains(cmd.Parameters.Cast<DbParameter>(), p => p.Value is string s && s.Contains("DROP TABLE"));
        Assert.Equal(0, await Service.CountAsync(D.Manager, def) - 1); // Ana (Joinville) only; nothing dropped
    }

    [Fact]
    public async Task ToQueryString_IsOneParameterisedStatement()
    {
        var def = Def(C("person.state", Op.In, "SC"), Rel("tickets", RelatedMode.AtLeastN, C("ticket.type", Op.Equals, D.Cancelamento)) is var r ? WithCount(r, 2) : null!);
        await using var db = await f.Db.DbAsync();
        var (persons, _) = await Service.QueryAsync(db, D.Manager, def, default);
        var sql = persons!.ToQueryString();
        var statement = string.Join('\n', sql.Split('\n').Where(l => !l.StartsWith(".param", StringComparison.Ordinal) && !l.StartsWith("--", StringComparison.Ordinal)));
        Assert.DoesNotContain("'SC'", statement);
        Assert.Contains("IN (", statement);
        Assert.Contains("GROUP BY", statement);
        Assert.Contains("HAVING", statement);
    }

    private static RelatedCondition WithCount(RelatedCondition r, int n) { r.Count = n; return r; }

    /// <summary>Every field of the catalog with every operator it allows runs in SQLite (EF throws on client evaluation).</summary>
    [Fact]
    public async Task EveryCatalogFieldAndOperator_TranslatesToSql()
    {
        var fields = SelectionCatalog.Fields.Concat([
            SelectionCatalog.AnswerField(D.Riscado.Id, Core.Checklists.AnswerKind.YesNo, "r"), SelectionCatalog.AnswerField(D.Descreva.Id, Core.Checklists.AnswerKind.Text, "d"),
            SelectionCatalog.AnswerField(D.Veiculos.Id, Core.Checklists.AnswerKind.Number, "v")]).ToList();
        var tried = 0;
        var saved = (await Service.CreateSavedAsync(D.Manager, new SavedSelectionInput { Name = "sweep", Definition = Def(C("person.state", Op.In, "SC")) })).ToString();
        foreach (var field in fields)
            foreach (var op in field.Operators)
            {
                var values = field.Key == "selection.member" ? Sample(field, op).Select(_ => saved).ToList() : Sample(field, op);
                var condition = new SelectionCondition { Field = field.Key, Operator = op, Values = values };
                var relation = SelectionCatalog.Relations.FirstOrDefault(r => r.Scope == field.Scope);
                var target = field.Scope == SelectionScope.Contact ? SelectionTarget.Contacts : SelectionTarget.Persons;
                var def = field.Scope == SelectionScope.Person || field.Scope == SelectionScope.Contact
                    ? new SelectionDefinition { Target = target, Root = All(condition) }
                    : Def(new RelatedCondition { Relation = relation!.Key, Where = All(condition) });
                var count = await Service.CountAsync(D.Manager, def);
                Assert.InRange(count, 0, 5);
                tried++;
            }
        Assert.True(tried > 150, $"only {tried} combinations");
    }

    internal static List<string> Sample(SelectionField f, Op op, SelectionTestData? d = null)
    {
        string One() => f.Type switch
        {
            SelectionDataType.Text => "a",
            SelectionDataType.Number or SelectionDataType.Money => "10.5",
            SelectionDataType.Date => "2026-01-10",
            SelectionDataType.Month => "3",
            _ => f.Key switch
            {
                "person.roles" => "Customer",
                "person.type" => "Legal",
                "person.state" => "SC",
                "ticket.status" => "Opened",
                "ticket.origin" => "Active",
                "ticket.priority" => "High",
                "occurrence.status" => "Open",
                "receivable.status" => "Overdue",
                "selection.member" => "1",
                _ => "1",
            },
        };
        return op switch
        {
            Op.IsEmpty or Op.IsNotEmpty or Op.IsTrue or Op.IsFalse => [],
            Op.MoreThanDaysAgo or Op.WithinLastDays => ["30"],
            Op.Between => f.Type == SelectionDataType.Date ? ["2026-01-01", "2026-12-31"] : ["1", "100"],
            Op.In or Op.NotIn => [One(), One()],
            _ => f.Key == "receivable.daysOverdue" ? ["3"] : [One()],
        };
    }

    public static TheoryData<string, string> Invalid => new()
    {
        { "unknown field", """{"root":{"kind":"group","children":[{"kind":"condition","field":"person.salary","operator":"Equals","values":["1"]}]}}""" },
        { "operator not allowed", """{"root":{"kind":"group","children":[{"kind":"condition","field":"person.active","operator":"Contains","values":["1"]}]}}""" },
        { "field of a relation at top level", """{"root":{"kind":"group","children":[{"kind":"condition","field":"ticket.type","operator":"In","values":["1"]}]}}""" },
        { "unknown relation", """{"root":{"kind":"group","children":[{"kind":"related","relation":"salaries","where":{"kind":"group","children":[]}}]}}""" },
        { "person field inside a relation", """{"root":{"kind":"group","children":[{"kind":"related","relation":"tickets","where":{"kind":"group","children":[{"kind":"condition","field":"person.name","operator":"Equals","values":["a"]}]}}]}}""" },
        { "relation inside a relation", """{"root":{"kind":"group","children":[{"kind":"related","relation":"tickets","where":{"kind":"group","children":[{"kind":"related","relation":"invoices","where":{"kind":"group","children":[]}}]}}]}}""" },
        { "bad number", """{"root":{"kind":"group","children":[{"kind":"condition","field":"purchases.total90","operator":"GreaterThan","values":["abc"]}]}}""" },
        { "bad date", """{"root":{"kind":"group","children":[{"kind":"condition","field":"person.createdAt","operator":"Before","values":["31/12/2026"]}]}}""" },
        { "enum by number", """{"root":{"kind":"group","children":[{"kind":"condition","field":"person.type","operator":"Equals","values":["1"]}]}}""" },
        { "unknown state", """{"root":{"kind":"group","children":[{"kind":"condition","field":"person.state","operator":"In","values":["XX"]}]}}""" },
        { "at least 0", """{"root":{"kind":"group","children":[{"kind":"related","relation":"tickets","mode":"AtLeastN","count":0,"where":{"kind":"group","children":[]}}]}}""" },
        { "unknown saved selection", """{"root":{"kind":"group","children":[{"kind":"condition","field":"selection.member","operator":"In","values":["4242"]}]}}""" },
        { "unknown operator name", """{"root":{"kind":"group","children":[{"kind":"condition","field":"person.name","operator":"Sounds","values":["a"]}]}}""" },
        { "newer schema", """{"schemaVersion":99,"root":{"kind":"group","children":[]}}""" },
        { "not JSON", """{"root":""" },
        { "unknown node kind", """{"root":{"kind":"group","children":[{"kind":"sql","text":"1=1"}]}}""" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task InvalidRules_AreABusinessRuleException_WithAClearMessage(string why, string json)
    {
        var ex = await Assert.ThrowsAsync<BusinessRuleException>(async () => await Service.CountAsync(D.Manager, SelectionDefinition.FromJson(json)));
        Assert.False(string.IsNullOrWhiteSpace(ex.Message), why);
        Assert.DoesNotContain("{0}", ex.Message);
    }

    [Fact]
    public async Task UnknownField_MessageNamesIt()
    {
        var ex = await Assert.ThrowsAsync<BusinessRuleException>(() => Service.CountAsync(D.Manager, Def(C("person.salary", Op.Equals, "1"))));
        Assert.Contains("person.salary", ex.Message);
        var tooDeep = new SelectionGroup();
        var g = tooDeep;
        for (var i = 0; i < 20; i++) { var child = new SelectionGroup(); g.Children.Add(child); g = child; }
        g.Children.Add(C("person.state", Op.In, "SC"));
        await Assert.ThrowsAsync<BusinessRuleException>(() => Service.CountAsync(D.Manager, new SelectionDefinition { Root = tooDeep }));
        await Assert.ThrowsAsync<BusinessRuleException>(() => Service.CountAsync(D.Manager, new SelectionDefinition { Roles = (PersonRoles)1024 }));
    }

    [Fact]
    public async Task Validate_ReportsIncompleteAndInvalidNodes_WithTheirPath()
    {
        var def = Def(C("person.state", Op.In, "SC"),
            new SelectionCondition { Field = "person.city" },
            Rel("tickets", RelatedMode.AtLeastOne, C("ticket.type", Op.In), C("ticket.status", Op.In, "Nope")),
            C("person.salary", Op.Equals, "1"));
        var issues = await Service.ValidateAsync(D.Manager, def);
        Assert.Contains(issues, i => i.Path == "2" && i.Severity == SelectionIssueSeverity.Incomplete);
        Assert.Contains(issues, i => i.Path == "3.1" && i.Severity == SelectionIssueSeverity.Incomplete);
        Assert.Contains(issues, i => i.Path == "3.2" && i.Severity == SelectionIssueSeverity.Invalid);
        Assert.Contains(issues, i => i.Path == "4" && i.Severity == SelectionIssueSeverity.Invalid && i.Message.Contains("person.salary"));
        Assert.DoesNotContain(issues, i => i.Path == "1");
    }

    [Fact]
    public async Task Catalog_OffersFieldsByGroup_AndValueOptions()
    {
        var catalog = f.Db.Get<SelectionCatalogService>();
        var fields = await catalog.ListFieldsAsync(D.Manager, SelectionTarget.Persons);
        Assert.Contains(fields, x => x.Key == SelectionCatalog.AnswerKey(D.Riscado.Id) && x.Group == SelectionFieldGroup.AdditionalData && x.Label == D.Riscado.Text);
        Assert.Equal(fields.Select(x => x.Group).Order(), fields.Select(x => x.Group));
        Assert.All(fields, x => Assert.False(x.Label.StartsWith("SelField_", StringComparison.Ordinal), x.Key));
        Assert.DoesNotContain(await catalog.ListTopLevelFieldsAsync(D.Manager, SelectionTarget.Persons), x => x.Scope == SelectionScope.Contact);
        Assert.Contains(await catalog.ListTopLevelFieldsAsync(D.Manager, SelectionTarget.Contacts), x => x.Scope == SelectionScope.Contact);
        Assert.DoesNotContain(catalog.ListRelations(SelectionTarget.Contacts), r => r.Key == "contacts");
        Assert.Equal(["Sim", "Não"], (await catalog.ListValuesAsync(D.Manager, SelectionCatalog.AnswerKey(D.Riscado.Id))).Select(o => o.Label));
        Assert.Equal(["Joinville"], (await catalog.ListValuesAsync(D.Manager, "person.city", "Join")).Select(o => o.Value));
        Assert.Equal(27, (await catalog.ListValuesAsync(D.Manager, "person.state")).Count);
        Assert.Contains(await catalog.ListValuesAsync(D.Manager, "ticket.type", "cancel"), o => o.Value == D.Cancelamento.ToString());
        Assert.Equal(["Roberto Rep"], (await catalog.ListValuesAsync(D.Manager, "person.representative")).Select(o => o.Label));
        Assert.Equal(12, (await catalog.ListValuesAsync(D.Manager, "contact.birthMonth")).Count);
        Assert.Equal("Aberto", (await catalog.DescribeValuesAsync(D.Manager, "ticket.status", ["Opened"])).Single().Label);
    }
}
