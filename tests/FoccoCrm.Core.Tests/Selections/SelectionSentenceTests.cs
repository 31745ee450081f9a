using System.Globalization;
using FoccoCrm.Core.Persons;
using FoccoCrm.Core.Selections;

namespace FoccoCrm.Core.Tests.Selections;

/// <summary>The plain-language sentence above the builder reads the whole tree, in pt-BR and en-US.</summary>
public sealed class SelectionSentenceTests : IDisposable
{
    private readonly CultureInfo previous = CultureInfo.CurrentUICulture;

    public SelectionSentenceTests() => Use("pt-BR");

    public void Dispose() => CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = previous;

    private static void Use(string name) => CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(name);

    private static SelectionCondition C(string field, SelectionOperator? op, params string[] values) => new() { Field = field, Operator = op, Values = [.. values] };

    private static SelectionDefinition Nested() => new()
    {
        Roles = PersonRoles.Customer,
        Root = new SelectionGroup
        {
            Join = GroupJoin.All,
            Children =
            [
                new SelectionGroup { Join = GroupJoin.Any, Children = [C("person.state", SelectionOperator.Equals, "SC"), C("person.state", SelectionOperator.Equals, "PR")] },
                new RelatedCondition
                {
                    Relation = "tickets", Mode = RelatedMode.AtLeastOne,
                    Where = new SelectionGroup { Children = [C("ticket.status", SelectionOperator.In, "Open"), C("ticket.type", SelectionOperator.In, "7")] },
                },
                new SelectionGroup { Negated = true, Children = [C("purchases.lastDate", SelectionOperator.WithinLastDays, "90")] },
            ],
        },
    };

    private static string Label(string field, string value) => (field, value) switch
    {
        ("ticket.status", "Open") => "Aberto",
        ("ticket.type", "7") => "Cancelamento",
        _ => value,
    };

    [Fact]
    public void NestedGroups_RelatedData_AndNot_ReadAsOneSentence()
    {
        var s = SelectionSentence.Of(Nested(), valueLabel: Label);

        Assert.StartsWith("Pessoas com papel Cliente em que ", s);
        Assert.Contains("(UF é igual a SC ou UF é igual a PR)", s);
        Assert.Contains("tem pelo menos 1 registro em chamados onde, no mesmo registro, (", s);
        Assert.Contains("Aberto", s);
        Assert.Contains("Cancelamento", s);
        Assert.Contains("NÃO (", s);
        Assert.Contains("foi nos últimos 90 dias", s);
        Assert.EndsWith(".", s);
    }

    [Fact]
    public void IncompleteConditions_AreLeftOut_AndAnEmptyRootSaysEveryone()
    {
        var incomplete = C("person.city", SelectionOperator.In);
        var skipped = C("person.name", SelectionOperator.Contains, "Silva");
        var d = new SelectionDefinition { Root = new SelectionGroup { Children = [incomplete, C("", null), skipped] } };

        var s = SelectionSentence.Of(d, skip: new HashSet<Guid> { skipped.Id });

        Assert.Equal("Pessoas, todas (nenhuma condição).", s);
    }

    [Fact]
    public void InEnglish_TheSameTreeReadsInEnglish()
    {
        Use("en-US");
        var s = SelectionSentence.Of(Nested(), valueLabel: Label);

        Assert.StartsWith("Persons with role Customer where ", s);
        Assert.Contains(" or ", s);
        Assert.Contains("NOT (", s);
        Assert.Contains("was within the last 90 days", s);
    }

    [Fact]
    public void Describe_NamesGroupsByNumber_AndRelatedByTheirHead()
    {
        var d = Nested();
        var nodes = d.Walk().ToList();

        Assert.Equal("Grupo 1.1 · qualquer condição", SelectionSentence.Describe(nodes.Single(n => n.Path == "1").Node, "1"));
        Assert.Equal("tem pelo menos 1 registro em chamados", SelectionSentence.Describe(nodes.Single(n => n.Path == "2").Node, "2"));
        Assert.Equal("(incompleta)", SelectionSentence.Describe(C("person.name", SelectionOperator.Contains), "4"));
    }
}
