using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using FoccoCrm.Core.Checklists;
using FoccoCrm.Core.Commercial;
using FoccoCrm.Core.Common;
using FoccoCrm.Core.Data;
using FoccoCrm.Core.Occurrences;
using FoccoCrm.Core.Persons;
using FoccoCrm.Core.Tickets;
using Microsoft.EntityFrameworkCore;

namespace FoccoCrm.Core.Selections;

/// <summary>A contact with its person: the row a contacts selection filters.</summary>
public sealed class PersonContact
{
    public Person Person { get; init; } = null!;
    public Contact Contact { get; init; } = null!;
}

/// <summary>A saved selection another selection refers to ("is member of"), as the compiler needs it.</summary>
internal sealed record ReferencedSelection(int Id, SelectionKind Kind, SelectionDefinition? Definition);

/// <summary>What a compilation depends on besides the tree.</summary>
internal sealed class SelectionContext
{
    public required FoccoDbContext Db { get; init; }
    public required int CompanyId { get; init; }
    /// <summary>Today in the company's time zone (relative dates).</summary>
    public required DateOnly Today { get; init; }
    /// <summary>A company-local midnight as the UTC instant (date conditions on instants).</summary>
    public required Func<DateOnly, DateTime> StartUtc { get; init; }
    /// <summary>Additional-data questions usable as fields, by id.</summary>
    public required IReadOnlyDictionary<int, SelectionField> Questions { get; init; }
    /// <summary>Saved selections referenced (transitively), by id; missing = not visible.</summary>
    public required IReadOnlyDictionary<int, ReferencedSelection> Selections { get; init; }
}

/// <summary>
/// Compiles a rule tree to an EF Core predicate built by hand with <see cref="Expression"/>: every value the user typed is a
/// captured value (an SQL parameter), every column comes from the catalog's switch below, and anything else is a
/// <see cref="BusinessRuleException"/>. Incomplete conditions are left out (the builder warns about them).
/// </summary>
internal sealed class SelectionCompiler(SelectionContext ctx)
{
    public const int MaxDepth = 12;
    public const int MaxNodes = 400;
    public const int MaxValues = 1000;

    private readonly FoccoDbContext db = ctx.Db;
    private readonly Stack<int> selectionStack = new();

    private sealed record Env(SelectionTarget Target, Expression Person, Expression? Contact, SelectionRelation? Relation, Expression? Record);

    // ------------------------------------------------------------------ entry points

    public Expression<Func<Person, bool>> CompilePersons(SelectionDefinition def)
    {
        Check(def);
        var p = Expression.Parameter(typeof(Person), "p");
        var env = new Env(SelectionTarget.Persons, p, null, null, null);
        return Expression.Lambda<Func<Person, bool>>(WithRoles(def.Roles, p, Node(def.Root, env, 0) ?? True), p);
    }

    public Expression<Func<PersonContact, bool>> CompileContacts(SelectionDefinition def)
    {
        Check(def);
        var x = Expression.Parameter(typeof(PersonContact), "x");
        var person = Expression.Property(x, nameof(PersonContact.Person));
        var env = new Env(SelectionTarget.Contacts, person, Expression.Property(x, nameof(PersonContact.Contact)), null, null);
        return Expression.Lambda<Func<PersonContact, bool>>(WithRoles(def.Roles, person, Node(def.Root, env, 0) ?? True), x);
    }

    /// <summary>
    /// One node on its own for "why does this person match": a top-level node as it is; a node inside a related-data
    /// condition as "at least one related record satisfies it". Null when the node is left out (incomplete).
    /// </summary>
    public Expression<Func<PersonContact, bool>>? CompileNodeForExplain(SelectionDefinition def, SelectionNode node, RelatedCondition? parent)
    {
        var x = Expression.Parameter(typeof(PersonContact), "x");
        var person = Expression.Property(x, nameof(PersonContact.Person));
        Expression? contact = def.Target == SelectionTarget.Contacts ? Expression.Property(x, nameof(PersonContact.Contact)) : null;
        var env = new Env(def.Target, person, contact, null, null);
        Expression? body;
        if (parent is null) body = Node(node, env, 1);
        else
        {
            var relation = SelectionCatalog.FindRelation(parent.Relation) ?? throw Invalid(SelectionMessages.SelectionRelationUnknown, parent.Relation);
            var probe = new RelatedCondition { Relation = parent.Relation, Mode = RelatedMode.AtLeastOne, Where = new SelectionGroup { Children = [node] } };
            body = node is RelatedCondition ? null : Related(probe, relation, env, 1);
        }
        return body is null ? null : Expression.Lambda<Func<PersonContact, bool>>(body, x);
    }

    private static void Check(SelectionDefinition def)
    {
        if (def?.Root is null) throw new BusinessRuleException(SelectionMessages.SelectionJsonInvalid);
        if (!Enum.IsDefined(def.Target)) throw new BusinessRuleException(SelectionMessages.SelectionJsonInvalid);
        var count = 0;
        foreach (var (_, _, depth) in def.Walk())
        {
            if (++count > MaxNodes) throw new BusinessRuleException(Messages.Format(nameof(SelectionMessages.SelectionTooLarge), MaxNodes));
            if (depth > MaxDepth) throw new BusinessRuleException(Messages.Format(nameof(SelectionMessages.SelectionTooDeep), MaxDepth));
        }
    }

    private static Expression WithRoles(PersonRoles roles, Expression person, Expression body)
    {
        if (roles == PersonRoles.None) return body;
        if (((int)roles & ~63) != 0) throw new BusinessRuleException(SelectionMessages.SelectionJsonInvalid);
        return Expression.AndAlso(RolesAny(person, (int)roles), body);
    }

    private static readonly Expression True = Expression.Constant(true);

    // ------------------------------------------------------------------ tree

    /// <summary>The node's predicate, or null when it is left out (incomplete condition, empty group).</summary>
    private Expression? Node(SelectionNode? node, Env env, int depth) => node switch
    {
        SelectionGroup g => Group(g, env, depth),
        SelectionCondition c => Condition(c, env),
        RelatedCondition r => RelatedNode(r, env, depth),
        null => null,
        _ => throw new BusinessRuleException(SelectionMessages.SelectionJsonInvalid),
    };

    private Expression? Group(SelectionGroup g, Env env, int depth)
    {
        if (!Enum.IsDefined(g.Join)) throw new BusinessRuleException(SelectionMessages.SelectionJsonInvalid);
        Expression? acc = null;
        foreach (var child in g.Children ?? [])
        {
            var e = Node(child, env, depth + 1);
            if (e is null) continue;
            acc = acc is null ? e : g.Join == GroupJoin.All ? Expression.AndAlso(acc, e) : Expression.OrElse(acc, e);
        }
        if (acc is null) return null;
        return g.Negated ? Expression.Not(acc) : acc;
    }

    private Expression? RelatedNode(RelatedCondition r, Env env, int depth)
    {
        if (env.Relation is not null) throw Invalid(SelectionMessages.SelectionRelationNested, r.Relation);
        if (string.IsNullOrWhiteSpace(r.Relation)) return null; // incomplete
        var relation = SelectionCatalog.FindRelation(r.Relation) ?? throw Invalid(SelectionMessages.SelectionRelationUnknown, r.Relation);
        if (relation.Scope == SelectionScope.Contact && env.Target == SelectionTarget.Contacts)
            throw Invalid(SelectionMessages.SelectionRelationNotHere, relation.Label);
        if (!Enum.IsDefined(r.Mode)) throw new BusinessRuleException(SelectionMessages.SelectionJsonInvalid);
        if (r.Mode == RelatedMode.AtLeastN && r.Count is null) return null; // incomplete
        if (r.Mode == RelatedMode.AtLeastN && r.Count is < 1 or > 1_000_000) throw new BusinessRuleException(SelectionMessages.SelectionCountInvalid);
        return Related(r, relation, env, depth);
    }

    private Expression Related(RelatedCondition r, SelectionRelation relation, Env env, int depth)
    {
        var co = ctx.CompanyId;
        return relation.Scope switch
        {
            SelectionScope.Contact => Apply(db.Contacts.AsNoTracking(), c => c.PersonId, r, relation, env, depth),
            SelectionScope.Ticket => Apply(db.Tickets.AsNoTracking().Where(t => t.CompanyId == co), t => t.CustomerId, r, relation, env, depth),
            SelectionScope.Occurrence => Apply(db.Occurrences.AsNoTracking().Where(o => o.CompanyId == co), o => o.PersonId, r, relation, env, depth),
            SelectionScope.Invoice => Apply(db.Invoices.AsNoTracking().Where(i => i.CompanyId == co), i => i.CustomerId, r, relation, env, depth),
            SelectionScope.Order => Apply(db.SalesOrders.AsNoTracking().Where(o => o.CompanyId == co), o => o.CustomerId, r, relation, env, depth),
            SelectionScope.Quote => Apply(db.Quotes.AsNoTracking().Where(q => q.CompanyId == co), q => q.CustomerId, r, relation, env, depth),
            SelectionScope.Receivable => Apply(db.Receivables.AsNoTracking().Where(x => x.CompanyId == co), x => x.CustomerId, r, relation, env, depth),
            _ => throw Invalid(SelectionMessages.SelectionRelationUnknown, r.Relation),
        };
    }

    /// <summary>
    /// A related-data condition as "person id IN (ids of persons whose records match)": the subquery does not depend on the
    /// person, so SQLite builds it once per query (an index range scan) instead of probing per person. All = no record
    /// violates the inner group; at least N = grouped count.
    /// </summary>
    private Expression Apply<T>(IQueryable<T> source, Expression<Func<T, int>> personKey, RelatedCondition r, SelectionRelation relation, Env env, int depth)
    {
        var t = Expression.Parameter(typeof(T), relation.Key[..1]);
        var inner = Node(r.Where ?? new SelectionGroup(), env with { Relation = relation, Record = t }, depth + 1);
        IQueryable<T> Matching(bool negate) => inner is null
            ? source
            : source.Where(Expression.Lambda<Func<T, bool>>(negate ? Expression.Not(inner) : inner, t));
        switch (r.Mode)
        {
            case RelatedMode.AtLeastOne:
                return InIds(Matching(false).Select(personKey), env.Person);
            case RelatedMode.None:
                return Expression.Not(InIds(Matching(false).Select(personKey), env.Person));
            case RelatedMode.All:
                return inner is null ? True : Expression.Not(InIds(Matching(true).Select(personKey), env.Person));
            default:
                var n = r.Count!.Value;
                return InIds(Matching(false).Select(personKey).GroupBy(k => k).Where(g => g.Count() >= n).Select(g => g.Key), env.Person);
        }
    }

    /// <summary>
    /// <c>person.Id + 0 IN (subquery)</c>. The "+ 0" (a literal of ours, not a value) keeps SQLite from turning an OR of such
    /// terms into one rowid lookup per listed id (MULTI-INDEX OR, ~3x slower on a million persons): it scans the persons (a
    /// narrow covering index when it can) and probes each list, built once.
    /// </summary>
    private static Expression InIds(IQueryable<int> ids, Expression person) =>
        Expression.Call(typeof(Queryable), nameof(Queryable.Contains), [typeof(int)], ids.Expression,
            Expression.Add(Expression.Property(person, nameof(Person.Id)), Expression.Constant(0)));

    /// <summary>
    /// "Contains" on name, trade name or city through the persons' trigram index (<see cref="Persons.PersonListSchema.SearchTable"/>):
    /// case and accents ignored in every alphabet ("joao" finds "JOÃO"), which SQLite's LIKE does for ASCII letters only.
    /// Null (plain LIKE) for other operators and for texts under 3 characters (no trigram). <paramref name="column"/> is one of
    /// the index's three columns, never input; the text is a SQL parameter, quoted as one FTS phrase.
    /// </summary>
    private Expression? Searched(string column, Values v, Expression person)
    {
        if (v.Op != SelectionOperator.Contains || v.Raw[0].Trim().Length < 3) return null;
        var match = Persons.PersonListSchema.Phrase(v.Raw[0].Trim(), column);
        var ids = db.Database.SqlQuery<int>($"SELECT rowid AS \"Value\" FROM PersonsSearch WHERE PersonsSearch MATCH {match}");
        return InIds(ids, person);
    }

    private Expression<Func<Person, IQueryable<Contact>>> RelContacts() => p => db.Contacts.Where(c => c.PersonId == p.Id);

    // ------------------------------------------------------------------ conditions

    private Expression? Condition(SelectionCondition c, Env env)
    {
        if (string.IsNullOrWhiteSpace(c.Field)) return null; // incomplete
        var field = FindField(c.Field) ?? throw Invalid(SelectionMessages.SelectionFieldUnknown, c.Field);
        var allowed = env.Relation is { } rel ? SelectionCatalog.RelationAllows(rel, field.Scope) : SelectionCatalog.TopLevelAllows(env.Target, field.Scope);
        if (!allowed) throw Invalid(SelectionMessages.SelectionFieldNotHere, field.Label);
        if (c.Operator is not { } op) return null; // incomplete
        if (!field.Operators.Contains(op)) throw new BusinessRuleException(Messages.Format(nameof(SelectionMessages.SelectionOperatorNotAllowed), SelectionCatalog.OperatorLabel(op), field.Label));
        var values = (c.Values ?? []).Select(v => v?.Trim() ?? "").ToList();
        if (values.Count > MaxValues) throw new BusinessRuleException(Messages.Format(nameof(SelectionMessages.SelectionTooManyValues), MaxValues));
        if (!HasValues(op, values)) return null; // incomplete
        var v = new Values(field, op, values);
        return field.Scope switch
        {
            SelectionScope.Person => PersonField(field, v, env.Person),
            SelectionScope.Contact => ContactField(field, v, env.Relation is null ? env.Contact! : env.Record!),
            SelectionScope.Ticket => TicketField(field, v, env.Record!),
            SelectionScope.Occurrence => OccurrenceField(field, v, env.Record!),
            SelectionScope.Invoice => DocumentField<Invoice, InvoiceItem>(field, v, env.Record!, db.InvoiceItems, "InvoiceId"),
            SelectionScope.Order => DocumentField<SalesOrder, SalesOrderItem>(field, v, env.Record!, db.SalesOrderItems, "SalesOrderId"),
            SelectionScope.Quote => DocumentField<Quote, QuoteItem>(field, v, env.Record!, db.QuoteItems, "QuoteId"),
            SelectionScope.Receivable => ReceivableField(field, v, env.Record!),
            _ => throw Invalid(SelectionMessages.SelectionFieldUnknown, c.Field),
        };
    }

    public SelectionField? FindField(string key) =>
        SelectionCatalog.Find(key) ?? (SelectionCatalog.AnswerQuestionId(key) is { } q && ctx.Questions.TryGetValue(q, out var f) ? f : null);

    /// <summary>True when the operator has the values it needs (otherwise the condition is incomplete).</summary>
    public static bool HasValues(SelectionOperator op, IReadOnlyList<string> values) => op switch
    {
        SelectionOperator.IsEmpty or SelectionOperator.IsNotEmpty or SelectionOperator.IsTrue or SelectionOperator.IsFalse => true,
        SelectionOperator.Between => values.Count >= 2 && values[0].Length > 0 && values[1].Length > 0,
        SelectionOperator.In or SelectionOperator.NotIn => values.Any(v => v.Length > 0),
        _ => values.Count >= 1 && values[0].Length > 0,
    };

    private Expression PersonField(SelectionField f, Values v, Expression p)
    {
        Expression M(string name) => Expression.Property(p, name);
        switch (f.Key)
        {
            case "person.roles":
                var bits = v.Enums<PersonRoles>().Aggregate(0, (a, r) => a | (int)r);
                return v.Op == SelectionOperator.In ? RolesAny(p, bits) : Expression.Not(RolesAny(p, bits));
            case "person.type": return Choice(M(nameof(Person.Type)), v, v.Enums<PersonType>());
            case "person.name": return Searched("Name", v, p) ?? Text(M(nameof(Person.Name)), v);
            case "person.tradeName": return Searched("TradeName", v, p) ?? Text(M(nameof(Person.TradeName)), v);
            case "person.document": return Text(M(nameof(Person.Document)), v, normalize: s => new string(s.Where(char.IsAsciiLetterOrDigit).ToArray()).ToUpperInvariant());
            case "person.email": return Text(M(nameof(Person.Email)), v);
            case "person.phone":
                return v.Op is SelectionOperator.IsEmpty or SelectionOperator.IsNotEmpty
                    ? Bool(Expression.OrElse(NotBlank(M(nameof(Person.Phone))), NotBlank(M(nameof(Person.Mobile)))), v.Op == SelectionOperator.IsNotEmpty)
                    : Expression.OrElse(Text(M(nameof(Person.Phone)), v), Text(M(nameof(Person.Mobile)), v));
            case "person.active": return Bool(M(nameof(Person.IsActive)), v.Op == SelectionOperator.IsTrue);
            case "person.foreign": return Bool(M(nameof(Person.IsForeign)), v.Op == SelectionOperator.IsTrue);
            case "person.createdAt": return Instant(M(nameof(Person.CreatedAtUtc)), v);
            case "person.city": return Searched("City", v, p) ?? Text(M(nameof(Person.City)), v);
            case "person.state": return Choice(M(nameof(Person.State)), v, v.States());
            case "person.zipCode": return Text(M(nameof(Person.ZipCode)), v, normalize: ZipCodes.Normalize);
            case "person.district": return Text(M(nameof(Person.District)), v);
            case "purchases.lastDate": return Date(Inline(LastPurchase(), p), v);
            case "purchases.total30": return Number(Inline(PurchasesSince(ctx.Today.AddDays(-30)), p), v, v.Decimals());
            case "purchases.total90": return Number(Inline(PurchasesSince(ctx.Today.AddDays(-90)), p), v, v.Decimals());
            case "purchases.total365": return Number(Inline(PurchasesSince(ctx.Today.AddDays(-365)), p), v, v.Decimals());
            case "receivables.overdueAmount": return Number(Inline(OpenAmount(overdueOnly: true), p), v, v.Decimals());
            case "receivables.openAmount": return Number(Inline(OpenAmount(overdueOnly: false), p), v, v.Decimals());
            case "person.representative": return Representative(p, v);
            case "selection.member": return Membership(p, v);
        }
        if (f.QuestionId is { } q) return Answer(p, q, f, v);
        throw Invalid(SelectionMessages.SelectionFieldUnknown, f.Key);
    }

    private Expression ContactField(SelectionField f, Values v, Expression c)
    {
        Expression M(string name) => Expression.Property(c, name);
        switch (f.Key)
        {
            case "contact.type": return Choice(M(nameof(Contact.ContactTypeId)), v, v.Ints());
            case "contact.name": return Text(M(nameof(Contact.Name)), v);
            case "contact.department": return Text(M(nameof(Contact.Department)), v);
            case "contact.hasEmail": return Bool(NotBlank(M(nameof(Contact.Email))), v.Op == SelectionOperator.IsTrue);
            case "contact.hasPhone": return Bool(Expression.OrElse(NotBlank(M(nameof(Contact.Phone))), NotBlank(M(nameof(Contact.Mobile)))), v.Op == SelectionOperator.IsTrue);
            case "contact.active": return Bool(M(nameof(Contact.IsActive)), v.Op == SelectionOperator.IsTrue);
            case "contact.birthDate": return Date(M(nameof(Contact.BirthDate)), v);
            case "contact.birthMonth":
                var birth = M(nameof(Contact.BirthDate));
                if (v.Op is SelectionOperator.IsEmpty or SelectionOperator.IsNotEmpty)
                    return Bool(Expression.NotEqual(birth, Expression.Constant(null, typeof(DateOnly?))), v.Op == SelectionOperator.IsNotEmpty);
                var month = Expression.Property(Expression.Property(birth, nameof(Nullable<DateOnly>.Value)), nameof(DateOnly.Month));
                var months = v.Ints(1, 12);
                var has = Expression.NotEqual(birth, Expression.Constant(null, typeof(DateOnly?)));
                return Expression.AndAlso(has, Choice(month, v with { Op = v.Op == SelectionOperator.Equals ? SelectionOperator.In : v.Op }, months));
        }
        throw Invalid(SelectionMessages.SelectionFieldUnknown, f.Key);
    }

    private Expression TicketField(SelectionField f, Values v, Expression t)
    {
        Expression M(string name) => Expression.Property(t, name);
        return f.Key switch
        {
            "ticket.type" => Choice(M(nameof(Ticket.TypeId)), v, v.Ints()),
            "ticket.reason" => Choice(M(nameof(Ticket.ReasonId)), v, v.Ints()),
            "ticket.status" => Choice(M(nameof(Ticket.Status)), v, v.Enums<TicketStatus>()),
            "ticket.origin" => Choice(M(nameof(Ticket.Origin)), v, v.Enums<TicketOrigin>()),
            "ticket.priority" => Choice(M(nameof(Ticket.Priority)), v, v.Enums<TicketPriority>()),
            "ticket.openedAt" => Instant(M(nameof(Ticket.OpenedAtUtc)), v),
            "ticket.closedAt" => Instant(M(nameof(Ticket.ClosedAtUtc)), v),
            _ => throw Invalid(SelectionMessages.SelectionFieldUnknown, f.Key),
        };
    }

    private Expression OccurrenceField(SelectionField f, Values v, Expression o)
    {
        Expression M(string name) => Expression.Property(o, name);
        return f.Key switch
        {
            "occurrence.type" => Choice(M(nameof(Occurrence.TypeId)), v, v.Ints()),
            "occurrence.reason" => Choice(M(nameof(Occurrence.ReasonId)), v, v.Ints()),
            "occurrence.status" => Choice(M(nameof(Occurrence.Status)), v, v.Enums<OccurrenceStatus>()),
            "occurrence.occurredAt" => Instant(M(nameof(Occurrence.OccurredAtUtc)), v),
            _ => throw Invalid(SelectionMessages.SelectionFieldUnknown, f.Key),
        };
    }

    private Expression DocumentField<TDoc, TItem>(SelectionField f, Values v, Expression d, IQueryable<TItem> items, string fk)
        where TDoc : CommercialDocument where TItem : DocumentLine
    {
        var suffix = f.Key[(f.Key.IndexOf('.') + 1)..];
        switch (suffix)
        {
            case "issueDate": return Date(Expression.Property(d, nameof(CommercialDocument.IssueDate)), v);
            case "total": return Number(Expression.Property(d, nameof(CommercialDocument.Total)), v, v.Decimals());
            case "product":
                var ids = v.Ints();
                var i = Expression.Parameter(typeof(TItem), "it");
                var match = Expression.AndAlso(
                    Expression.Equal(Expression.Property(i, fk), Expression.Property(d, nameof(CommercialDocument.Id))),
                    Contains(ids, Expression.Property(i, nameof(DocumentLine.ProductId))));
                var any = Expression.Call(typeof(Queryable), nameof(Queryable.Any), [typeof(TItem)], P(items), Expression.Quote(Expression.Lambda(match, i)));
                return v.Op == SelectionOperator.In ? any : Expression.Not(any);
        }
        throw Invalid(SelectionMessages.SelectionFieldUnknown, f.Key);
    }

    private Expression ReceivableField(SelectionField f, Values v, Expression r)
    {
        Expression M(string name) => Expression.Property(r, name);
        var unpaid = Expression.LessThan(M(nameof(Receivable.PaidAmount)), M(nameof(Receivable.Amount)));
        switch (f.Key)
        {
            case "receivable.dueDate": return Date(M(nameof(Receivable.DueDate)), v);
            case "receivable.amount": return Number(M(nameof(Receivable.Amount)), v, v.Decimals());
            case "receivable.openAmount": return Number(Expression.Subtract(M(nameof(Receivable.Amount)), M(nameof(Receivable.PaidAmount))), v, v.Decimals());
            case "receivable.status":
                var statuses = v.Enums<ReceivableStatus>();
                Expression? any = null;
                foreach (var s in statuses.Distinct())
                {
                    var e = Inline(Receivable.HasStatus(s, ctx.Today), r);
                    any = any is null ? e : Expression.OrElse(any, e);
                }
                var isIn = any ?? Expression.Constant(false);
                return v.Op is SelectionOperator.Equals or SelectionOperator.In ? isIn : Expression.Not(isIn);
            case "receivable.daysOverdue":
                // days overdue = today - due date while unpaid and past due, else 0; "≥ n" is "unpaid and due on or before today - n"
                var due = M(nameof(Receivable.DueDate));
                Expression AtLeast(int n) => n <= 0 ? True : Expression.AndAlso(unpaid, Expression.LessThanOrEqual(due, P(ctx.Today.AddDays(-n))));
                var ns = v.Ints(-100_000, 100_000);
                return v.Op switch
                {
                    SelectionOperator.Equals => Expression.AndAlso(AtLeast(ns[0]), Expression.Not(AtLeast(ns[0] + 1))),
                    SelectionOperator.NotEquals => Expression.Not(Expression.AndAlso(AtLeast(ns[0]), Expression.Not(AtLeast(ns[0] + 1)))),
                    SelectionOperator.GreaterThan => AtLeast(ns[0] + 1),
                    SelectionOperator.GreaterOrEqual => AtLeast(ns[0]),
                    SelectionOperator.LessThan => Expression.Not(AtLeast(ns[0])),
                    SelectionOperator.LessOrEqual => Expression.Not(AtLeast(ns[0] + 1)),
                    SelectionOperator.Between => Expression.AndAlso(AtLeast(ns[0]), Expression.Not(AtLeast(ns[1] + 1))),
                    _ => throw OperatorNotAllowed(f, v.Op),
                };
        }
        throw Invalid(SelectionMessages.SelectionFieldUnknown, f.Key);
    }

    // ------------------------------------------------------------------ person aggregates and lookups

    private Expression<Func<Person, DateOnly?>> LastPurchase()
    {
        var co = ctx.CompanyId;
        return p => db.Invoices.Where(i => i.CustomerId == p.Id && i.CompanyId == co).Max(i => (DateOnly?)i.IssueDate);
    }

    private Expression<Func<Person, decimal>> PurchasesSince(DateOnly from)
    {
        var co = ctx.CompanyId;
        return p => db.Invoices.Where(i => i.CustomerId == p.Id && i.CompanyId == co && i.IssueDate >= from).Sum(i => i.Total);
    }

    private Expression<Func<Person, decimal>> OpenAmount(bool overdueOnly)
    {
        var co = ctx.CompanyId;
        var today = ctx.Today;
        return overdueOnly
            ? p => db.Receivables.Where(r => r.CustomerId == p.Id && r.CompanyId == co && r.PaidAmount < r.Amount && r.DueDate < today).Sum(r => r.Amount - r.PaidAmount)
            : p => db.Receivables.Where(r => r.CustomerId == p.Id && r.CompanyId == co && r.PaidAmount < r.Amount).Sum(r => r.Amount - r.PaidAmount);
    }

    private Expression Representative(Expression p, Values v)
    {
        var co = ctx.CompanyId;
        if (v.Op is SelectionOperator.IsEmpty or SelectionOperator.IsNotEmpty)
        {
            var has = InIds(db.CustomerRepresentatives.AsNoTracking().Where(cr => cr.CompanyId == co).Select(cr => cr.CustomerId), p);
            return Bool(has, v.Op == SelectionOperator.IsNotEmpty);
        }
        var ids = v.Ints();
        var isIn = InIds(db.CustomerRepresentatives.AsNoTracking().Where(cr => cr.CompanyId == co && ids.Contains(cr.RepresentativeId)).Select(cr => cr.CustomerId), p);
        return v.Op is SelectionOperator.Equals or SelectionOperator.In ? isIn : Expression.Not(isIn);
    }

    private Expression Answer(Expression p, int questionId, SelectionField f, Values v)
    {
        var a = Expression.Parameter(typeof(ChecklistResponseAnswer), "a");
        var positive = v.Op switch
        {
            SelectionOperator.NotEquals => SelectionOperator.Equals,
            SelectionOperator.NotIn => SelectionOperator.In,
            SelectionOperator.IsNotEmpty => SelectionOperator.IsEmpty,
            _ => v.Op,
        };
        var negate = positive != v.Op;
        Expression? test = null;
        if (positive != SelectionOperator.IsEmpty)
        {
            var pv = v with { Op = positive };
            test = f.Type switch
            {
                SelectionDataType.Text => Text(Expression.Property(a, nameof(ChecklistResponseAnswer.TextValue)), pv),
                SelectionDataType.Number => Number(Expression.Property(a, nameof(ChecklistResponseAnswer.NumberValue)), pv, pv.Decimals()),
                SelectionDataType.Date => Date(Expression.Property(a, nameof(ChecklistResponseAnswer.DateValue)), pv),
                _ => Choice(Expression.Property(a, nameof(ChecklistResponseAnswer.OptionId)), pv, pv.Ints().Select(i => (int?)i).ToList()),
            };
        }
        else negate = !negate; // IsEmpty = no answer; IsNotEmpty = some answer
        // "person id IN (persons with a matching answer)": answers by (QuestionId, OptionId), then their response's person
        var answers = db.ChecklistResponseAnswers.AsNoTracking().Where(x => x.QuestionId == questionId);
        if (test is not null) answers = answers.Where(Expression.Lambda<Func<ChecklistResponseAnswer, bool>>(test, a));
        var persons = from x in answers
                      join r in db.ChecklistResponses on x.ResponseId equals r.Id
                      where r.PersonId != null
                      select r.PersonId!.Value;
        var any = InIds(persons, p);
        return negate ? Expression.Not(any) : any;
    }

    private Expression Membership(Expression p, Values v)
    {
        Expression? any = null;
        foreach (var id in v.Ints().Distinct())
        {
            var e = SelectionPredicate(id, p);
            any = any is null ? e : Expression.OrElse(any, e);
        }
        var isIn = any ?? Expression.Constant(false);
        return v.Op == SelectionOperator.In ? isIn : Expression.Not(isIn);
    }

    /// <summary>"p is in saved selection id": a snapshot's frozen members, or the dynamic selection's rules compiled in place.</summary>
    private Expression SelectionPredicate(int id, Expression p)
    {
        if (!ctx.Selections.TryGetValue(id, out var s)) throw new BusinessRuleException(SelectionMessages.SelectionReferenceNotFound);
        if (selectionStack.Contains(id)) throw new BusinessRuleException(SelectionMessages.SelectionCycle);
        if (s.Kind == SelectionKind.Snapshot)
        {
            return InIds(db.SavedSelectionMembers.AsNoTracking().Where(m => m.SelectionId == id).Select(m => m.PersonId), p);
        }
        var def = s.Definition ?? throw new BusinessRuleException(SelectionMessages.SelectionReferenceNotFound);
        selectionStack.Push(id);
        try
        {
            Check(def);
            if (def.Target == SelectionTarget.Persons)
                return WithRoles(def.Roles, p, Node(def.Root, new Env(SelectionTarget.Persons, p, null, null, null), 0) ?? True);
            // a contacts selection: the person has at least one selected contact
            var c = Expression.Parameter(typeof(Contact), "c");
            var body = WithRoles(def.Roles, p, Node(def.Root, new Env(SelectionTarget.Contacts, p, c, null, null), 0) ?? True);
            var src = Inline(RelContacts(), p);
            return Expression.Call(typeof(Queryable), nameof(Queryable.Any), [typeof(Contact)], src, Expression.Quote(Expression.Lambda<Func<Contact, bool>>(body, c)));
        }
        finally
        {
            selectionStack.Pop();
        }
    }

    /// <summary>The ids of saved selections a definition refers to (directly).</summary>
    public static IEnumerable<int> ReferencedIds(SelectionDefinition def) =>
        def.Walk().Select(x => x.Node).OfType<SelectionCondition>()
            .Where(c => c.Field == "selection.member")
            .SelectMany(c => c.Values ?? [])
            .Select(s => int.TryParse(s?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0)
            .Where(id => id > 0);

    // ------------------------------------------------------------------ operator builders

    private static Expression RolesAny(Expression person, int bits) =>
        Expression.NotEqual(Expression.And(Expression.Convert(Expression.Property(person, nameof(Person.Roles)), typeof(int)), P(bits)), Expression.Constant(0));

    private static Expression Bool(Expression member, bool wanted) => wanted ? member : Expression.Not(member);

    private static Expression NotBlank(Expression s) =>
        Expression.AndAlso(Expression.NotEqual(s, Expression.Constant(null, typeof(string))), Expression.NotEqual(s, Expression.Constant("")));

    private static readonly MethodInfo Like = typeof(DbFunctionsExtensions).GetMethod(nameof(DbFunctionsExtensions.Like),
        [typeof(DbFunctions), typeof(string), typeof(string), typeof(string)])!;

    private static Expression LikeCall(Expression member, string pattern) =>
        Expression.AndAlso(Expression.NotEqual(member, Expression.Constant(null, typeof(string))),
            Expression.Call(Like, Expression.Constant(EF.Functions), member, P(pattern), Expression.Constant("\\")));

    private static string EscapeLike(string s) => s.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");

    private static Expression Text(Expression member, Values v, Func<string, string>? normalize = null)
    {
        string N(string s) => normalize is null ? s : normalize(s);
        switch (v.Op)
        {
            case SelectionOperator.Equals: return Expression.Equal(member, P(N(v.Raw[0])));
            case SelectionOperator.NotEquals: return Expression.NotEqual(member, P(N(v.Raw[0])));
            case SelectionOperator.In: return Contains(v.Raw.Where(s => s.Length > 0).Select(N).Distinct().ToList(), member);
            case SelectionOperator.NotIn: return Expression.Not(Contains(v.Raw.Where(s => s.Length > 0).Select(N).Distinct().ToList(), member));
            case SelectionOperator.Contains: return LikeCall(member, "%" + EscapeLike(N(v.Raw[0])) + "%");
            case SelectionOperator.StartsWith: return LikeCall(member, EscapeLike(N(v.Raw[0])) + "%");
            case SelectionOperator.IsEmpty: return Expression.Not(NotBlank(member));
            case SelectionOperator.IsNotEmpty: return NotBlank(member);
        }
        throw OperatorNotAllowed(v.Field, v.Op);
    }

    private static Expression Choice<T>(Expression member, Values v, IReadOnlyList<T> values)
    {
        if (v.Op is SelectionOperator.IsEmpty or SelectionOperator.IsNotEmpty)
        {
            var isNull = Expression.Equal(member, Expression.Constant(null, member.Type));
            return v.Op == SelectionOperator.IsEmpty ? isNull : Expression.Not(isNull);
        }
        var list = values.Distinct().ToList();
        Expression isIn = v.Op is SelectionOperator.Equals or SelectionOperator.NotEquals
            ? Expression.Equal(member, Convert(P(list[0]), member.Type))
            : Contains(list, member);
        return v.Op is SelectionOperator.Equals or SelectionOperator.In ? isIn : Expression.Not(isIn);
    }

    private static Expression Contains<T>(List<T> list, Expression member)
    {
        if (member.Type == typeof(T)) return Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(T)], P(list), member);
        // nullable member (int?) with int values, or the reverse
        var m = typeof(List<>).MakeGenericType(member.Type);
        var converted = (System.Collections.IList)Activator.CreateInstance(m)!;
        foreach (var x in list) converted.Add(x);
        var box = typeof(SelectionCompiler).GetMethod(nameof(P), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(m);
        return Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [member.Type], (Expression)box.Invoke(null, [converted])!, member);
    }

    private static Expression Number<T>(Expression member, Values v, IReadOnlyList<T> n) where T : struct
    {
        Expression V(int i) => Convert(P(n[i]), member.Type);
        return v.Op switch
        {
            SelectionOperator.Equals => Expression.Equal(member, V(0)),
            SelectionOperator.NotEquals => Expression.NotEqual(member, V(0)),
            SelectionOperator.GreaterThan => Expression.GreaterThan(member, V(0)),
            SelectionOperator.GreaterOrEqual => Expression.GreaterThanOrEqual(member, V(0)),
            SelectionOperator.LessThan => Expression.LessThan(member, V(0)),
            SelectionOperator.LessOrEqual => Expression.LessThanOrEqual(member, V(0)),
            SelectionOperator.Between => Expression.AndAlso(Expression.GreaterThanOrEqual(member, V(0)), Expression.LessThanOrEqual(member, V(1))),
            SelectionOperator.IsEmpty => Expression.Equal(member, Expression.Constant(null, member.Type)),
            SelectionOperator.IsNotEmpty => Expression.NotEqual(member, Expression.Constant(null, member.Type)),
            _ => throw OperatorNotAllowed(v.Field, v.Op),
        };
    }

    /// <summary>A DateOnly (or DateOnly?) column.</summary>
    private Expression Date(Expression member, Values v)
    {
        Expression D(DateOnly d) => Convert(P(d), member.Type);
        var today = ctx.Today;
        switch (v.Op)
        {
            case SelectionOperator.IsEmpty: return Expression.Equal(member, Expression.Constant(null, member.Type));
            case SelectionOperator.IsNotEmpty: return Expression.NotEqual(member, Expression.Constant(null, member.Type));
            case SelectionOperator.MoreThanDaysAgo: return Expression.LessThan(member, D(today.AddDays(-v.Days())));
            case SelectionOperator.WithinLastDays:
                return Expression.AndAlso(Expression.GreaterThanOrEqual(member, D(today.AddDays(-v.Days()))), Expression.LessThanOrEqual(member, D(today)));
        }
        var d = v.Dates();
        return v.Op switch
        {
            SelectionOperator.Equals => Expression.Equal(member, D(d[0])),
            SelectionOperator.Before => Expression.LessThan(member, D(d[0])),
            SelectionOperator.After => Expression.GreaterThan(member, D(d[0])),
            SelectionOperator.Between => Expression.AndAlso(Expression.GreaterThanOrEqual(member, D(d[0])), Expression.LessThanOrEqual(member, D(d[1]))),
            _ => throw OperatorNotAllowed(v.Field, v.Op),
        };
    }

    /// <summary>A UTC DateTime (or DateTime?) column compared by the company's calendar days.</summary>
    private Expression Instant(Expression member, Values v)
    {
        Expression S(DateOnly d) => Convert(P(ctx.StartUtc(d)), member.Type);
        Expression From(DateOnly d) => Expression.GreaterThanOrEqual(member, S(d));
        Expression Until(DateOnly d) => Expression.LessThan(member, S(d));
        var today = ctx.Today;
        switch (v.Op)
        {
            case SelectionOperator.IsEmpty: return Expression.Equal(member, Expression.Constant(null, member.Type));
            case SelectionOperator.IsNotEmpty: return Expression.NotEqual(member, Expression.Constant(null, member.Type));
            case SelectionOperator.MoreThanDaysAgo: return Until(today.AddDays(-v.Days()));
            case SelectionOperator.WithinLastDays: return Expression.AndAlso(From(today.AddDays(-v.Days())), Until(today.AddDays(1)));
        }
        var d = v.Dates();
        return v.Op switch
        {
            SelectionOperator.Equals => Expression.AndAlso(From(d[0]), Until(d[0].AddDays(1))),
            SelectionOperator.Before => Until(d[0]),
            SelectionOperator.After => From(d[0].AddDays(1)),
            SelectionOperator.Between => Expression.AndAlso(From(d[0]), Until(d[1].AddDays(1))),
            _ => throw OperatorNotAllowed(v.Field, v.Op),
        };
    }

    private static Expression Convert(Expression e, Type t) => e.Type == t ? e : Expression.Convert(e, t);

    // ------------------------------------------------------------------ plumbing

    /// <summary>A captured value: EF turns it into an SQL parameter (never into SQL text).</summary>
    private static Expression P<T>(T value) => Expression.Property(Expression.Constant(new Box<T>(value)), nameof(Box<T>.Value));

    private sealed class Box<T>(T value)
    {
        public T Value { get; } = value;
    }

    private static Expression Inline<TIn, TOut>(Expression<Func<TIn, TOut>> lambda, Expression arg) =>
        new Replace(lambda.Parameters[0], arg).Visit(lambda.Body);

    private sealed class Replace(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }

    private static BusinessRuleException Invalid(string key, string? arg) =>
        new(Messages.Format(key, arg ?? ""));

    private static BusinessRuleException OperatorNotAllowed(SelectionField f, SelectionOperator op) =>
        new(Messages.Format(nameof(SelectionMessages.SelectionOperatorNotAllowed), SelectionCatalog.OperatorLabel(op), f.Label));

    /// <summary>A condition's values parsed by the field's type (invariant culture); bad ones are a <see cref="BusinessRuleException"/>.</summary>
    private sealed record Values(SelectionField Field, SelectionOperator Op, List<string> Raw)
    {
        private IEnumerable<string> Given => Raw.Where(s => s.Length > 0);

        private BusinessRuleException Bad(string value) =>
            new(Messages.Format(nameof(SelectionMessages.SelectionValueInvalid), value.Length > 60 ? value[..60] + "…" : value, Field.Label));

        public List<int> Ints(int min = 1, int max = int.MaxValue) => Given.Select(s =>
            int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i) && i >= min && i <= max ? i : throw Bad(s)).ToList();

        public List<decimal> Decimals() => Given.Select(s =>
            decimal.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d) && Math.Abs(d) < 1_000_000_000_000m
                ? d : throw Bad(s)).ToList();

        public List<DateOnly> Dates() => Given.Select(s =>
            DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) && d.Year is >= 1900 and <= 2200 ? d : throw Bad(s)).ToList();

        public int Days() => int.TryParse(Raw[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= 36_600 ? n : throw Bad(Raw[0]);

        public List<T> Enums<T>() where T : struct, Enum => Given.Select(s =>
            !char.IsAsciiDigit(s[0]) && s[0] != '-' && Enum.TryParse<T>(s, ignoreCase: true, out var e) && Enum.IsDefined(e) ? e : throw Bad(s)).ToList();

        public List<string> States() => Given.Select(s => Persons.States.IsValid(s) ? s.ToUpperInvariant() : throw Bad(s)).ToList();
    }
}
