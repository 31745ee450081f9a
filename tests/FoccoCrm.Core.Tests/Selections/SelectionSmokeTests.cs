using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Persons;
using FoccoCrm.Core.Selections;

namespace FoccoCrm.Core.Tests.Selections;

/// <summary>The milestone's promise: person fields count, preview, explain and validate through the real services.</summary>
public sealed class SelectionSmokeTests : DbTest
{
    private static SelectionCondition C(string field, SelectionOperator op, params string[] values) => new() { Field = field, Operator = op, Values = [.. values] };

    [Fact]
    public async Task PersonFields_CountPreviewExplainValidate()
    {
        var company = await t.CompanyAsync("01");
        var manager = await t.UserAsync("gestor@x.test", Roles.Manager, company);
        await using (var db = await t.DbAsync())
        {
            var now = t.Clock.GetUtcNow().UtcDateTime;
            db.Persons.AddRange(
                Person.Create(new PersonInput { Name = "Alfa SC", Document = "1", State = "SC", City = "Joinville" }, now),
                Person.Create(new PersonInput { Name = "Beta PR", Document = "2", State = "PR", City = "Curitiba" }, now),
                Person.Create(new PersonInput { Name = "Gama SP", Document = "3", State = "SP", City = "Santos", Roles = PersonRoles.Supplier }, now));
            await db.SaveChangesAsync();
        }
        var s = t.Get<SelectionService>();
        var def = new SelectionDefinition
        {
            Roles = PersonRoles.Customer,
            Root = new SelectionGroup { Join = GroupJoin.Any, Children = [C("person.state", SelectionOperator.In, "SC", "SP"), C("person.name", SelectionOperator.StartsWith, "beta"), C("", SelectionOperator.Equals)] },
        };
        Assert.Equal(2, await s.CountAsync(manager, def));
        var page = await s.PreviewAsync(manager, def, 0, 10);
        Assert.Equal(["Alfa SC", "Beta PR"], page.Items.Select(i => i.Name));
        var why = await s.ExplainAsync(manager, def, page.Items[1].PersonId);
        Assert.True(why.Matches);
        Assert.Equal([false, true, null], why.Nodes.Select(n => n.Result));
        var issues = await s.ValidateAsync(manager, def);
        Assert.Equal(SelectionIssueSeverity.Incomplete, Assert.Single(issues).Severity);
        var roundTrip = SelectionDefinition.FromJson(def.ToJson());
        Assert.Equal(def.ToJson(), roundTrip.ToJson());
    }
}
