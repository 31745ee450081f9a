using System.Text.Json.Serialization;
using FoccoCrm.Core.Catalogs;
using FoccoCrm.Core.Common;

namespace FoccoCrm.Core.Selections;

/// <summary>The field groups of the builder, in the order it shows them.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SelectionFieldGroup>))]
public enum SelectionFieldGroup { Person, Address, Contacts, AdditionalData, Tickets, Occurrences, Purchases, Financial, Representative, Selections }

/// <summary>What kind of value a field holds; decides the operators and the value editor.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SelectionDataType>))]
public enum SelectionDataType
{
    Text,
    Number,
    Money,
    Date,
    Boolean,
    /// <summary>One of a list of options (enum, catalog entry, question option, person, ...): values are option keys.</summary>
    Choice,
    /// <summary>A month 1–12 (birthday month).</summary>
    Month,
}

/// <summary>Where a value editor gets its options (<see cref="SelectionCatalogService.ListValuesAsync"/>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SelectionValueSource>))]
public enum SelectionValueSource
{
    /// <summary>Typed by the user.</summary>
    None,
    /// <summary>A fixed list (an enum), all returned at once.</summary>
    Fixed,
    /// <summary>Entries of an auxiliary catalog (<see cref="SelectionField.CatalogKind"/>).</summary>
    Catalog,
    /// <summary>The 27 UFs.</summary>
    States,
    /// <summary>Cities present in the person registry (searchable).</summary>
    Cities,
    /// <summary>Options of the checklist question behind an additional-data field.</summary>
    QuestionOptions,
    /// <summary>Representatives (persons with that role).</summary>
    Representatives,
    /// <summary>Products of the current company.</summary>
    Products,
    /// <summary>Saved selections the user can see.</summary>
    Selections,
}

/// <summary>
/// Where a field can be used: on the selected person, on a contact (the subject when the target is contacts, or inside the
/// contacts relation), or on the record of a related-data condition.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<SelectionScope>))]
public enum SelectionScope { Person, Contact, Ticket, Occurrence, Invoice, Order, Quote, Receivable }

/// <summary>One field of the allow-list.</summary>
public sealed record SelectionField(
    string Key,
    SelectionFieldGroup Group,
    SelectionScope Scope,
    SelectionDataType Type,
    IReadOnlyList<SelectionOperator> Operators,
    SelectionValueSource Source,
    CatalogKind? CatalogKind = null,
    int? QuestionId = null,
    string? FixedLabel = null)
{
    /// <summary>The field's name in the user's language (additional-data fields: the question's text).</summary>
    public string Label => FixedLabel ?? Messages.Get(LabelKey);

    public string LabelKey => "SelField_" + Key.Replace('.', '_');

    public string GroupLabel => SelectionCatalog.GroupLabel(Group);
}

/// <summary>A related-data relation: "has [mode] &lt;relation&gt; where {...}".</summary>
public sealed record SelectionRelation(string Key, SelectionFieldGroup Group, SelectionScope Scope)
{
    public string Label => Messages.Get("SelRelation_" + Key);
}

/// <summary>An option of a value editor: the value stored in the condition and its label.</summary>
public sealed record SelectionValueOption(string Value, string Label);

/// <summary>
/// The allow-list of fields and relations (static part; additional-data fields come from the questions of published
/// registration checklists, see <see cref="SelectionCatalogService"/>). The compiler refuses anything not listed here.
/// </summary>
public static class SelectionCatalog
{
    public const string AnswerPrefix = "answer.";

    private static readonly SelectionOperator[] TextOps =
        [SelectionOperator.Equals, SelectionOperator.NotEquals, SelectionOperator.In, SelectionOperator.NotIn, SelectionOperator.Contains, SelectionOperator.StartsWith, SelectionOperator.IsEmpty, SelectionOperator.IsNotEmpty];
    private static readonly SelectionOperator[] RequiredTextOps =
        [SelectionOperator.Equals, SelectionOperator.NotEquals, SelectionOperator.In, SelectionOperator.NotIn, SelectionOperator.Contains, SelectionOperator.StartsWith];
    private static readonly SelectionOperator[] NumberOps =
        [SelectionOperator.Equals, SelectionOperator.NotEquals, SelectionOperator.GreaterThan, SelectionOperator.GreaterOrEqual, SelectionOperator.LessThan, SelectionOperator.LessOrEqual, SelectionOperator.Between];
    private static readonly SelectionOperator[] NullableNumberOps = [.. NumberOps, SelectionOperator.IsEmpty, SelectionOperator.IsNotEmpty];
    private static readonly SelectionOperator[] DateOps =
        [SelectionOperator.Equals, SelectionOperator.Before, SelectionOperator.After, SelectionOperator.Between, SelectionOperator.MoreThanDaysAgo, SelectionOperator.WithinLastDays];
    private static readonly SelectionOperator[] NullableDateOps = [.. DateOps, SelectionOperator.IsEmpty, SelectionOperator.IsNotEmpty];
    private static readonly SelectionOperator[] BoolOps = [SelectionOperator.IsTrue, SelectionOperator.IsFalse];
    private static readonly SelectionOperator[] ChoiceOps = [SelectionOperator.Equals, SelectionOperator.NotEquals, SelectionOperator.In, SelectionOperator.NotIn];
    private static readonly SelectionOperator[] NullableChoiceOps = [.. ChoiceOps, SelectionOperator.IsEmpty, SelectionOperator.IsNotEmpty];
    private static readonly SelectionOperator[] MonthOps = [SelectionOperator.Equals, SelectionOperator.In, SelectionOperator.NotIn, SelectionOperator.IsEmpty, SelectionOperator.IsNotEmpty];

    private static SelectionField F(string key, SelectionFieldGroup g, SelectionScope s, SelectionDataType t, SelectionOperator[] ops,
        SelectionValueSource src = SelectionValueSource.None, CatalogKind? kind = null) => new(key, g, s, t, ops, src, kind);

    /// <summary>Every static field, by key.</summary>
    public static IReadOnlyList<SelectionField> Fields { get; } =
    [
        // Pessoa
        F("person.roles", SelectionFieldGroup.Person, SelectionScope.Person, SelectionDataType.Choice, [SelectionOperator.In, SelectionOperator.NotIn], SelectionValueSource.Fixed),
        F("person.type", SelectionFieldGroup.Person, SelectionScope.Person, SelectionDataType.Choice, ChoiceOps, SelectionValueSource.Fixed),
        F("person.name", SelectionFieldGroup.Person, SelectionScope.Person, SelectionDataType.Text, RequiredTextOps),
        F("person.tradeName", SelectionFieldGroup.Person, SelectionScope.Person, SelectionDataType.Text, TextOps),
        F("person.document", SelectionFieldGroup.Person, SelectionScope.Person, SelectionDataType.Text, TextOps),
        F("person.email", SelectionFieldGroup.Person, SelectionScope.Person, SelectionDataType.Text, TextOps),
        F("person.phone", SelectionFieldGroup.Person, SelectionScope.Person, SelectionDataType.Text, TextOps),
        F("person.active", SelectionFieldGroup.Person, SelectionScope.Person, SelectionDataType.Boolean, BoolOps),
        F("person.foreign", SelectionFieldGroup.Person, SelectionScope.Person, SelectionDataType.Boolean, BoolOps),
        F("person.createdAt", SelectionFieldGroup.Person, SelectionScope.Person, SelectionDataType.Date, DateOps),
        // Endereço
        F("person.city", SelectionFieldGroup.Address, SelectionScope.Person, SelectionDataType.Text, TextOps, SelectionValueSource.Cities),
        F("person.state", SelectionFieldGroup.Address, SelectionScope.Person, SelectionDataType.Choice, NullableChoiceOps, SelectionValueSource.States),
        F("person.zipCode", SelectionFieldGroup.Address, SelectionScope.Person, SelectionDataType.Text, [SelectionOperator.StartsWith, SelectionOperator.Equals, SelectionOperator.IsEmpty, SelectionOperator.IsNotEmpty]),
        F("person.district", SelectionFieldGroup.Address, SelectionScope.Person, SelectionDataType.Text, TextOps),
        // Contatos (the contact itself: top level of a contacts selection, or inside the "contacts" relation)
        F("contact.type", SelectionFieldGroup.Contacts, SelectionScope.Contact, SelectionDataType.Choice, ChoiceOps, SelectionValueSource.Catalog, Catalogs.CatalogKind.ContactType),
        F("contact.name", SelectionFieldGroup.Contacts, SelectionScope.Contact, SelectionDataType.Text, RequiredTextOps),
        F("contact.department", SelectionFieldGroup.Contacts, SelectionScope.Contact, SelectionDataType.Text, TextOps),
        F("contact.hasEmail", SelectionFieldGroup.Contacts, SelectionScope.Contact, SelectionDataType.Boolean, BoolOps),
        F("contact.hasPhone", SelectionFieldGroup.Contacts, SelectionScope.Contact, SelectionDataType.Boolean, BoolOps),
        F("contact.birthMonth", SelectionFieldGroup.Contacts, SelectionScope.Contact, SelectionDataType.Month, MonthOps, SelectionValueSource.Fixed),
        F("contact.birthDate", SelectionFieldGroup.Contacts, SelectionScope.Contact, SelectionDataType.Date, NullableDateOps),
        F("contact.active", SelectionFieldGroup.Contacts, SelectionScope.Contact, SelectionDataType.Boolean, BoolOps),
        // Chamados (inside the "tickets" relation)
        F("ticket.type", SelectionFieldGroup.Tickets, SelectionScope.Ticket, SelectionDataType.Choice, ChoiceOps, SelectionValueSource.Catalog, Catalogs.CatalogKind.TicketType),
        F("ticket.reason", SelectionFieldGroup.Tickets, SelectionScope.Ticket, SelectionDataType.Choice, ChoiceOps, SelectionValueSource.Catalog, Catalogs.CatalogKind.TicketReason),
        F("ticket.status", SelectionFieldGroup.Tickets, SelectionScope.Ticket, SelectionDataType.Choice, ChoiceOps, SelectionValueSource.Fixed),
        F("ticket.origin", SelectionFieldGroup.Tickets, SelectionScope.Ticket, SelectionDataType.Choice, ChoiceOps, SelectionValueSource.Fixed),
        F("ticket.priority", SelectionFieldGroup.Tickets, SelectionScope.Ticket, SelectionDataType.Choice, ChoiceOps, SelectionValueSource.Fixed),
        F("ticket.openedAt", SelectionFieldGroup.Tickets, SelectionScope.Ticket, SelectionDataType.Date, DateOps),
        F("ticket.closedAt", SelectionFieldGroup.Tickets, SelectionScope.Ticket, SelectionDataType.Date, NullableDateOps),
        // Ocorrências (inside the "occurrences" relation)
        F("occurrence.type", SelectionFieldGroup.Occurrences, SelectionScope.Occurrence, SelectionDataType.Choice, ChoiceOps, SelectionValueSource.Catalog, Catalogs.CatalogKind.OccurrenceType),
        F("occurrence.reason", SelectionFieldGroup.Occurrences, SelectionScope.Occurrence, SelectionDataType.Choice, ChoiceOps, SelectionValueSource.Catalog, Catalogs.CatalogKind.OccurrenceReason),
        F("occurrence.status", SelectionFieldGroup.Occurrences, SelectionScope.Occurrence, SelectionDataType.Choice, ChoiceOps, SelectionValueSource.Fixed),
        F("occurrence.occurredAt", SelectionFieldGroup.Occurrences, SelectionScope.Occurrence, SelectionDataType.Date, DateOps),
        // Compras: aggregates on the person (current company's invoices) and fields of the documents
        F("purchases.lastDate", SelectionFieldGroup.Purchases, SelectionScope.Person, SelectionDataType.Date, NullableDateOps),
        F("purchases.total30", SelectionFieldGroup.Purchases, SelectionScope.Person, SelectionDataType.Money, NumberOps),
        F("purchases.total90", SelectionFieldGroup.Purchases, SelectionScope.Person, SelectionDataType.Money, NumberOps),
        F("purchases.total365", SelectionFieldGroup.Purchases, SelectionScope.Person, SelectionDataType.Money, NumberOps),
        F("invoice.issueDate", SelectionFieldGroup.Purchases, SelectionScope.Invoice, SelectionDataType.Date, DateOps),
        F("invoice.total", SelectionFieldGroup.Purchases, SelectionScope.Invoice, SelectionDataType.Money, NumberOps),
        F("invoice.product", SelectionFieldGroup.Purchases, SelectionScope.Invoice, SelectionDataType.Choice, [SelectionOperator.In, SelectionOperator.NotIn], SelectionValueSource.Products),
        F("order.issueDate", SelectionFieldGroup.Purchases, SelectionScope.Order, SelectionDataType.Date, DateOps),
        F("order.total", SelectionFieldGroup.Purchases, SelectionScope.Order, SelectionDataType.Money, NumberOps),
        F("order.product", SelectionFieldGroup.Purchases, SelectionScope.Order, SelectionDataType.Choice, [SelectionOperator.In, SelectionOperator.NotIn], SelectionValueSource.Products),
        F("quote.issueDate", SelectionFieldGroup.Purchases, SelectionScope.Quote, SelectionDataType.Date, DateOps),
        F("quote.total", SelectionFieldGroup.Purchases, SelectionScope.Quote, SelectionDataType.Money, NumberOps),
        F("quote.product", SelectionFieldGroup.Purchases, SelectionScope.Quote, SelectionDataType.Choice, [SelectionOperator.In, SelectionOperator.NotIn], SelectionValueSource.Products),
        // Financeiro
        F("receivables.overdueAmount", SelectionFieldGroup.Financial, SelectionScope.Person, SelectionDataType.Money, NumberOps),
        F("receivables.openAmount", SelectionFieldGroup.Financial, SelectionScope.Person, SelectionDataType.Money, NumberOps),
        F("receivable.dueDate", SelectionFieldGroup.Financial, SelectionScope.Receivable, SelectionDataType.Date, DateOps),
        F("receivable.amount", SelectionFieldGroup.Financial, SelectionScope.Receivable, SelectionDataType.Money, NumberOps),
        F("receivable.openAmount", SelectionFieldGroup.Financial, SelectionScope.Receivable, SelectionDataType.Money, NumberOps),
        F("receivable.status", SelectionFieldGroup.Financial, SelectionScope.Receivable, SelectionDataType.Choice, ChoiceOps, SelectionValueSource.Fixed),
        F("receivable.daysOverdue", SelectionFieldGroup.Financial, SelectionScope.Receivable, SelectionDataType.Number, NumberOps),
        // Representante (in the current company)
        F("person.representative", SelectionFieldGroup.Representative, SelectionScope.Person, SelectionDataType.Choice, NullableChoiceOps, SelectionValueSource.Representatives),
        // Seleções
        F("selection.member", SelectionFieldGroup.Selections, SelectionScope.Person, SelectionDataType.Choice, [SelectionOperator.In, SelectionOperator.NotIn], SelectionValueSource.Selections),
    ];

    /// <summary>The related-data relations, by key.</summary>
    public static IReadOnlyList<SelectionRelation> Relations { get; } =
    [
        new("contacts", SelectionFieldGroup.Contacts, SelectionScope.Contact),
        new("tickets", SelectionFieldGroup.Tickets, SelectionScope.Ticket),
        new("occurrences", SelectionFieldGroup.Occurrences, SelectionScope.Occurrence),
        new("invoices", SelectionFieldGroup.Purchases, SelectionScope.Invoice),
        new("orders", SelectionFieldGroup.Purchases, SelectionScope.Order),
        new("quotes", SelectionFieldGroup.Purchases, SelectionScope.Quote),
        new("receivables", SelectionFieldGroup.Financial, SelectionScope.Receivable),
    ];

    private static readonly Dictionary<string, SelectionField> ByKey = Fields.ToDictionary(f => f.Key, StringComparer.Ordinal);
    private static readonly Dictionary<string, SelectionRelation> RelationsByKey = Relations.ToDictionary(r => r.Key, StringComparer.Ordinal);

    public static SelectionField? Find(string? key) => key is not null && ByKey.TryGetValue(key, out var f) ? f : null;

    public static SelectionRelation? FindRelation(string? key) => key is not null && RelationsByKey.TryGetValue(key, out var r) ? r : null;

    public static string GroupLabel(SelectionFieldGroup group) => Messages.Get("SelGroup_" + group);

    public static string OperatorLabel(SelectionOperator op) => Messages.Get("SelOp_" + op);

    public static string ModeLabel(RelatedMode mode) => Messages.Get("SelMode_" + mode);

    /// <summary>The key of the additional-data field of a question.</summary>
    public static string AnswerKey(int questionId) => AnswerPrefix + questionId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The question id of an additional-data field key, or null.</summary>
    public static int? AnswerQuestionId(string? key) =>
        key is not null && key.StartsWith(AnswerPrefix, StringComparison.Ordinal)
        && int.TryParse(key.AsSpan(AnswerPrefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) && id > 0
            ? id : null;

    /// <summary>The field an additional-data question becomes, typed by its answer kind.</summary>
    public static SelectionField AnswerField(int questionId, Checklists.AnswerKind kind, string questionText) => kind switch
    {
        Checklists.AnswerKind.Text => new(AnswerKey(questionId), SelectionFieldGroup.AdditionalData, SelectionScope.Person, SelectionDataType.Text, TextOps, SelectionValueSource.None, null, questionId, questionText),
        Checklists.AnswerKind.Number => new(AnswerKey(questionId), SelectionFieldGroup.AdditionalData, SelectionScope.Person, SelectionDataType.Number, NullableNumberOps, SelectionValueSource.None, null, questionId, questionText),
        Checklists.AnswerKind.Date => new(AnswerKey(questionId), SelectionFieldGroup.AdditionalData, SelectionScope.Person, SelectionDataType.Date, NullableDateOps, SelectionValueSource.None, null, questionId, questionText),
        _ => new(AnswerKey(questionId), SelectionFieldGroup.AdditionalData, SelectionScope.Person, SelectionDataType.Choice,
            [SelectionOperator.In, SelectionOperator.NotIn, SelectionOperator.IsEmpty, SelectionOperator.IsNotEmpty], SelectionValueSource.QuestionOptions, null, questionId, questionText),
    };

    /// <summary>The scopes whose fields a condition may use at the top level of a selection of this target.</summary>
    public static bool TopLevelAllows(SelectionTarget target, SelectionScope scope) =>
        scope == SelectionScope.Person || (target == SelectionTarget.Contacts && scope == SelectionScope.Contact);

    /// <summary>The scopes whose fields a condition may use inside a relation (its records' fields only).</summary>
    public static bool RelationAllows(SelectionRelation relation, SelectionScope scope) => scope == relation.Scope;
}
