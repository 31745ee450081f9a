using System.Globalization;
using System.Text;
using FoccoCrm.Core.Common;
using FoccoCrm.Core.Persons;

namespace FoccoCrm.Core.Selections;

/// <summary>
/// The plain-language sentence of a whole selection, shown above the builder so the user always reads what the tree means:
/// "Pessoas com papel Cliente em que Cidade está em Joinville ou Blumenau e (UF é SC ou UF é PR) e tem pelo menos 1 chamado
/// onde (Situação é Aberto e Tipo é Cancelamento)". Localized through Messages (current UI culture); values are shown with
/// their labels (the caller knows them), dates and amounts in the current culture. Conditions in <c>skip</c> (incomplete)
/// and empty groups are left out.
/// </summary>
public static class SelectionSentence
{
    private static readonly PersonRoles[] AllRoles = [PersonRoles.Customer, PersonRoles.Representative, PersonRoles.Supplier, PersonRoles.Employee, PersonRoles.User, PersonRoles.Consumer];

    /// <param name="definition">The selection.</param>
    /// <param name="field">Finds a field by key (additional-data fields are not in the static catalog); null = the static catalog.</param>
    /// <param name="valueLabel">The label of an option value of a field (field key, value); null = the value itself.</param>
    /// <param name="skip">Nodes to leave out (incomplete conditions).</param>
    public static string Of(SelectionDefinition definition, Func<string, SelectionField?>? field = null, Func<string, string, string>? valueLabel = null,
        IReadOnlySet<Guid>? skip = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var ctx = new Context(field ?? SelectionCatalog.Find, valueLabel ?? ((_, v) => v), skip ?? new HashSet<Guid>());
        var sb = new StringBuilder(T(definition.Target == SelectionTarget.Contacts ? "SelSentence_Contacts" : "SelSentence_Persons"));
        var roles = AllRoles.Where(r => definition.Roles.HasFlag(r)).Select(r => T("SelSentence_Role_" + r)).ToList();
        if (roles.Count > 0) sb.Append(' ').Append(string.Format(CultureInfo.CurrentCulture, T("SelSentence_WithRole"), JoinOr(roles)));
        var body = Group(definition.Root, ctx, top: true);
        sb.Append(body is null ? T("SelSentence_Everyone") : " " + string.Format(CultureInfo.CurrentCulture, T("SelSentence_Where"), body));
        return sb.Append('.').ToString();
    }

    /// <summary>
    /// One node on its own, for "why does this person match?": a condition reads as in the sentence, a group as its number
    /// and join ("Grupo 1.2 · qualquer"), a related-data condition as its head ("tem pelo menos 1 registro em chamados").
    /// <paramref name="path"/> is <see cref="SelectionDefinition.Walk"/>'s ("2.1").
    /// </summary>
    public static string Describe(SelectionNode node, string path, Func<string, SelectionField?>? field = null, Func<string, string, string>? valueLabel = null)
    {
        ArgumentNullException.ThrowIfNull(node);
        var ctx = new Context(field ?? SelectionCatalog.Find, valueLabel ?? ((_, v) => v), new HashSet<Guid>());
        var number = string.IsNullOrEmpty(path) ? "1" : "1." + path;
        return node switch
        {
            SelectionGroup g => string.Format(CultureInfo.CurrentCulture, T(g.Join == GroupJoin.Any ? "SelSentence_GroupAny" : "SelSentence_GroupAll"), number)
                                + (g.Negated ? " · " + T("SelSentence_Negated") : ""),
            RelatedCondition r => Head(r) ?? T("SelSentence_Incomplete"),
            SelectionCondition c => Condition(c, ctx) ?? T("SelSentence_Incomplete"),
            _ => "",
        };
    }

    private sealed record Context(Func<string, SelectionField?> Field, Func<string, string, string> ValueLabel, IReadOnlySet<Guid> Skip);

    private static string T(string key) => Messages.Get(key);

    private static string JoinOr(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " " + T("SelSentence_Or") + " " + items[^1],
    };

    private static string? Group(SelectionGroup group, Context ctx, bool top)
    {
        var parts = (group.Children ?? []).Select(c => Node(c, ctx)).Where(p => p is not null).Cast<string>().ToList();
        if (parts.Count == 0) return null;
        var joined = string.Join(" " + T(group.Join == GroupJoin.Any ? "SelSentence_Or" : "SelSentence_And") + " ", parts);
        if (group.Negated) return string.Format(CultureInfo.CurrentCulture, T("SelSentence_Not"), joined);
        return top || parts.Count == 1 ? joined : "(" + joined + ")";
    }

    private static string? Node(SelectionNode node, Context ctx) => node switch
    {
        _ when ctx.Skip.Contains(node.Id) => null,
        SelectionGroup g => Group(g, ctx, top: false),
        SelectionCondition c => Condition(c, ctx),
        RelatedCondition r => Related(r, ctx),
        _ => null,
    };

    private static string? Head(RelatedCondition r)
    {
        var relation = SelectionCatalog.FindRelation(r.Relation);
        if (relation is null) return null;
        var mode = r.Mode == RelatedMode.AtLeastN
            ? string.Format(CultureInfo.CurrentCulture, T("SelSentence_Mode_AtLeastN"), r.Count ?? 1)
            : T("SelSentence_Mode_" + r.Mode);
        return string.Format(CultureInfo.CurrentCulture, T("SelSentence_Has"), mode, relation.Label.ToLower(CultureInfo.CurrentCulture));
    }

    private static string? Related(RelatedCondition r, Context ctx)
    {
        if (Head(r) is not { } head) return null;
        var inner = r.Where is null ? null : Group(r.Where, ctx, top: false);
        if (inner is null) return head;
        if (!inner.StartsWith('(')) inner = "(" + inner + ")";
        return head + " " + string.Format(CultureInfo.CurrentCulture, T("SelSentence_RelatedWhere"), inner);
    }

    private static string? Condition(SelectionCondition c, Context ctx)
    {
        var field = ctx.Field(c.Field);
        if (field is null || c.Operator is not { } op) return null;
        var values = (c.Values ?? []).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => Value(field, v, ctx)).ToList();
        var head = field.Label + " " + SelectionCatalog.OperatorLabel(op).ToLower(CultureInfo.CurrentCulture);
        return op switch
        {
            SelectionOperator.IsEmpty or SelectionOperator.IsNotEmpty => head,
            SelectionOperator.IsTrue or SelectionOperator.IsFalse => field.Label + ": " + SelectionCatalog.OperatorLabel(op).ToLower(CultureInfo.CurrentCulture),
            SelectionOperator.In or SelectionOperator.NotIn => values.Count == 0 ? null : head + " " + JoinOr(values),
            SelectionOperator.Between => values.Count < 2 ? null : head + " " + values[0] + " " + T("SelSentence_And") + " " + values[1],
            SelectionOperator.MoreThanDaysAgo or SelectionOperator.WithinLastDays =>
                c.Values is [var days, ..] && int.TryParse(days, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
                    ? field.Label + " " + string.Format(CultureInfo.CurrentCulture, T("SelSentence_" + op), n) : null,
            _ => values.Count == 0 ? null : head + " " + values[0],
        };
    }

    private static string Value(SelectionField field, string value, Context ctx)
    {
        var inv = CultureInfo.InvariantCulture;
        return field.Type switch
        {
            SelectionDataType.Date when DateTime.TryParseExact(value, "yyyy-MM-dd", inv, DateTimeStyles.None, out var d) => d.ToString("d", CultureInfo.CurrentCulture),
            SelectionDataType.Money when decimal.TryParse(value, NumberStyles.Number, inv, out var m) => m.ToString("C2", CultureInfo.CurrentCulture),
            SelectionDataType.Number when decimal.TryParse(value, NumberStyles.Number, inv, out var n) => n.ToString("G", CultureInfo.CurrentCulture),
            SelectionDataType.Choice or SelectionDataType.Month => ctx.ValueLabel(field.Key, value),
            _ => "\"" + value + "\"",
        };
    }
}
