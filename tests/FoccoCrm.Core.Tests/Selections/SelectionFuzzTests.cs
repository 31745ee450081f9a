using System.Data.Common;
using System.Text.RegularExpressions;
using FoccoCrm.Core.Common;
using FoccoCrm.Core.Persons;
using FoccoCrm.Core.Selections;
using Op = FoccoCrm.Core.Selections.SelectionOperator;

namespace FoccoCrm.Core.Tests.Selections;

/// <summary>
/// 10,000 random rule trees (fixed seed), valid and invalid: compiling them never throws anything but the documented
/// <see cref="BusinessRuleException"/>, the SQL only touches the catalog's tables and columns, and no user text reaches it.
/// </summary>
public sealed partial class SelectionFuzzTests(SelectionDataFixture f) : IClassFixture<SelectionDataFixture>
{
    private const int Trees = 10_000;
    private const string Marker = "ZQX";

    /// <summary>What the compiler may read (table → columns): the catalog's columns plus keys and the company filter.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Persons"] = ["Id", "Roles", "Type", "Name", "TradeName", "Document", "Email", "Phone", "Mobile", "IsActive", "IsForeign", "CreatedAtUtc", "City", "State", "ZipCode", "District"],
        ["Contacts"] = ["Id", "PersonId", "ContactTypeId", "Name", "Department", "Email", "Phone", "Mobile", "BirthDate", "IsActive"],
        ["Tickets"] = ["CompanyId", "CustomerId", "TypeId", "ReasonId", "Status", "Origin", "Priority", "OpenedAtUtc", "ClosedAtUtc"],
        ["Occurrences"] = ["CompanyId", "PersonId", "TypeId", "ReasonId", "Status", "OccurredAtUtc"],
        ["Invoices"] = ["Id", "CompanyId", "CustomerId", "IssueDate", "Total"],
        ["SalesOrders"] = ["Id", "CompanyId", "CustomerId", "IssueDate", "Total"],
        ["Quotes"] = ["Id", "CompanyId", "CustomerId", "IssueDate", "Total"],
        ["InvoiceItems"] = ["InvoiceId", "ProductId"],
        ["SalesOrderItems"] = ["SalesOrderId", "ProductId"],
        ["QuoteItems"] = ["QuoteId", "ProductId"],
        ["Receivables"] = ["CompanyId", "CustomerId", "DueDate", "Amount", "PaidAmount"],
        ["CustomerRepresentatives"] = ["CompanyId", "CustomerId", "RepresentativeId"],
        ["ChecklistResponses"] = ["Id", "PersonId"],
        ["ChecklistResponseAnswers"] = ["ResponseId", "QuestionId", "OptionId", "TextValue", "NumberValue", "DateValue"],
        ["SavedSelectionMembers"] = ["SelectionId", "PersonId"],
        // the persons' trigram index ("contains" on name, trade name, city): only its row ids, in the one fixed shape below
        ["PersonsSearch"] = ["Value"],
    };

    /// <summary>The only SQL text the compiler writes itself: the trigram-index lookup, with the text as a parameter.</summary>
    [GeneratedRegex("\\(\\s*SELECT rowid AS \"Value\" FROM PersonsSearch WHERE PersonsSearch MATCH @\\w+\\s*\\) AS \"(\\w+)\"")]
    private static partial Regex SearchIndex();

    [GeneratedRegex("(?:FROM|JOIN)\\s+\"(\\w+)\"\\s+AS\\s+\"(\\w+)\"")]
    private static partial Regex TableAlias();

    [GeneratedRegex("\"(\\w+)\"\\.\"(\\w+)\"")]
    private static partial Regex ColumnRef();

    [Fact]
    public async Task RandomTrees_OnlyDocumentedErrors_OnlyCatalogColumns_NoUserText()
    {
        var d = f.Data;
        var service = f.Db.Get<SelectionService>();
        var saved = await service.CreateSavedAsync(d.Manager, new SavedSelectionInput { Name = "fuzz", Definition = SelectionTestData.Def(SelectionTestData.C("person.state", Op.In, "SC")) });
        var generator = new Generator(new Random(20261127), d, saved);
        int valid = 0, invalid = 0, executed = 0;
        var allowedColumns = Allowed.Values.SelectMany(c => c).ToHashSet();
        await using var db = await f.Db.DbAsync();
        for (var i = 0; i < Trees; i++)
        {
            var def = generator.Definition();
            DbCommand cmd;
            try
            {
                // through the stored form too: what the UI saves is what runs
                var json = def.ToJson();
                def = SelectionDefinition.FromJson(json);
                cmd = await SelectionCompilationTests.CommandAsync(service, db, d.Manager, def);
            }
            catch (BusinessRuleException ex)
            {
                Assert.False(string.IsNullOrWhiteSpace(ex.Message));
                invalid++;
                continue;
            }
            catch (Exception ex)
            {
                Assert.Fail($"tree {i}: {ex.GetType().Name}: {ex.Message}\n{def.ToJson()}");
                throw;
            }
            valid++;
            await using (cmd)
            {
                var sql = cmd.CommandText;
                Assert.DoesNotContain(Marker, sql);
                // an alias can be reused by separate subqueries: a column must belong to one of the tables behind it
                var searches = SearchIndex().Matches(sql);
                Assert.Equal(searches.Count * 2, Regex.Count(sql, "PersonsSearch"));
                var aliases = TableAlias().Matches(sql).Select(m => (Alias: m.Groups[2].Value, Table: m.Groups[1].Value))
                    .Concat(searches.Select(m => (Alias: m.Groups[1].Value, Table: "PersonsSearch")))
                    .GroupBy(m => m.Alias, m => m.Table, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.Distinct().ToList(), StringComparer.Ordinal);
                foreach (var table in aliases.Values.SelectMany(t => t)) Assert.True(Allowed.ContainsKey(table), $"table {table} in\n{sql}");
                foreach (Match m in ColumnRef().Matches(sql))
                {
                    var (alias, column) = (m.Groups[1].Value, m.Groups[2].Value);
                    if (aliases.TryGetValue(alias, out var tables)) Assert.True(tables.Any(t => Allowed[t].Contains(column)), $"{alias}.{column} in\n{sql}");
                    else Assert.True(allowedColumns.Contains(column), $"{alias}.{column} in\n{sql}");
                }
            }
            if (valid % 10 == 0)
            {
                var count = await service.CountAsync(d.Manager, def);
                Assert.InRange(count, 0, def.Target == SelectionTarget.Contacts ? 3 : 5);
                executed++;
            }
        }
        Assert.Equal(Trees, valid + invalid);
        Assert.True(valid > Trees / 10 && invalid > Trees / 10, $"valid {valid}, invalid {invalid}: the generator should produce plenty of both");
        Assert.True(executed > 50);
    }

    private sealed class Generator(Random random, SelectionTestData d, int savedId)
    {
        private static readonly string[] Garbage =
            ["", " ", Marker + "'; DROP TABLE Persons; --", Marker + "%_\\", "abc" + Marker, "9999999999999999999999", "-1", "1e9", "2026-02-30", "NaN", "null", "0x1F", Marker];

        private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

        private bool Chance(int percent) => random.Next(100) < percent;

        private string[] FieldKeys => fieldKeys ??= [.. SelectionCatalog.Fields.Select(x => x.Key),
            SelectionCatalog.AnswerKey(d.Riscado.Id), SelectionCatalog.AnswerKey(d.Descreva.Id), SelectionCatalog.AnswerKey(d.Veiculos.Id), SelectionCatalog.AnswerKey(d.Onde.Id)];
        private string[]? fieldKeys;

        public SelectionDefinition Definition() => new()
        {
            Target = Chance(80) ? SelectionTarget.Persons : Chance(90) ? SelectionTarget.Contacts : (SelectionTarget)random.Next(2, 9),
            Roles = Chance(70) ? PersonRoles.None : (PersonRoles)(Chance(95) ? random.Next(1, 64) : random.Next(64, 4096)),
            Root = Group(0, null),
        };

        private SelectionGroup Group(int depth, SelectionScope? scope)
        {
            var g = new SelectionGroup { Join = Chance(97) ? (GroupJoin)random.Next(2) : (GroupJoin)random.Next(2, 50), Negated = Chance(20) };
            var n = random.Next(depth == 0 ? 1 : 0, 4);
            for (var i = 0; i < n; i++) g.Children.Add(Node(depth + 1, scope));
            return g;
        }

        private SelectionNode Node(int depth, SelectionScope? scope)
        {
            var roll = random.Next(100);
            if (roll < 15 && depth < 5) return Group(depth, scope);
            if (roll < 30 && (scope is null || Chance(5))) return Related(depth);
            return Condition(scope);
        }

        private RelatedCondition Related(int depth)
        {
            var relation = Chance(95) ? Pick(SelectionCatalog.Relations) : new SelectionRelation(Chance(50) ? "salaries" : Marker, SelectionFieldGroup.Person, SelectionScope.Ticket);
            var mode = Chance(97) ? (RelatedMode)random.Next(4) : (RelatedMode)random.Next(4, 20);
            return new RelatedCondition
            {
                Relation = Chance(97) ? relation.Key : "",
                Mode = mode,
                Count = mode == RelatedMode.AtLeastN || Chance(10) ? (Chance(85) ? random.Next(1, 4) : Chance(50) ? null : random.Next(-3, 1)) : null,
                Where = Group(depth, relation.Scope),
            };
        }

        private SelectionCondition Condition(SelectionScope? scope)
        {
            string key;
            if (Chance(5)) key = Chance(50) ? "person.salary" : Chance(50) ? "answer.987654" : Marker + ".x";
            else if (scope is { } s && Chance(85)) key = Pick(SelectionCatalog.Fields.Where(x => x.Scope == s).Select(x => x.Key).ToList());
            else key = Pick(FieldKeys);
            var known = SelectionCatalog.Find(key) ?? (SelectionCatalog.AnswerQuestionId(key) is not null ? SelectionCatalog.AnswerField(1, Core.Checklists.AnswerKind.YesNo, "q") : null);
            Op? op = Chance(5) ? null : Chance(5) ? (Op)random.Next(19, 200) : known is not null && Chance(80) ? Pick(known.Operators) : (Op)random.Next(19);
            List<string> values;
            if (Chance(15)) values = [.. Enumerable.Range(0, random.Next(4)).Select(_ => Pick(Garbage))];
            else if (known is not null && op is { } o && Enum.IsDefined(o)) values = Valid(known, o);
            else values = [Pick(Garbage)];
            if (Chance(10)) values.Add(Pick(Garbage));
            return new SelectionCondition { Field = Chance(97) ? key : "", Operator = op, Values = values };
        }

        private List<string> Valid(SelectionField known, Op op)
        {
            var sample = SelectionCompilationTests.Sample(known, op);
            return known.Key switch
            {
                "selection.member" => [.. sample.Select(_ => savedId.ToString())],
                "ticket.type" => [.. sample.Select(_ => d.Cancelamento.ToString())],
                "contact.type" => [.. sample.Select(_ => d.Comprador.ToString())],
                "person.representative" => [.. sample.Select(_ => d.Roberto.ToString())],
                _ when known.QuestionId is not null || known.Key.StartsWith(SelectionCatalog.AnswerPrefix, StringComparison.Ordinal) =>
                    [.. sample.Select(_ => Pick(d.Riscado.Options).Id.ToString())],
                _ => sample,
            };
        }
    }
}
