using System.Linq.Expressions;
using FluentValidation;
using FoccoCrm.Core.Checklists;
using FoccoCrm.Core.Common;
using FoccoCrm.Core.Data;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Live;
using FoccoCrm.Core.Persons;
using Microsoft.EntityFrameworkCore;

namespace FoccoCrm.Core.Selections;

/// <summary>
/// Dynamic selections (FERM0202): count, preview, "why", validation, saved selections, export and occurrence generation.
/// Everything runs in the database over the current company: the rule tree is compiled by <see cref="SelectionCompiler"/>,
/// persons are filtered by the user's visibility (representatives: only the customers they represent), related data
/// (tickets, occurrences, purchases, receivables, representative) is the current company's. README in this folder.
/// </summary>
public sealed partial class SelectionService(
    IDbContextFactory<FoccoDbContext> dbFactory,
    IValidator<SavedSelectionInput> savedValidator,
    IValidator<GenerateOccurrencesInput> generateValidator,
    IChangeFeed feed,
    Catalogs.CatalogService<Catalogs.OccurrenceType> types,
    Catalogs.CatalogService<Catalogs.OccurrenceReason> reasons,
    TimeProvider clock)
{
    public const int MaxPageSize = 500;
    public const int MaxExportRows = 1_000_000;

    // ---------------------------------------------------------------- count, preview, explain, validate

    /// <summary>How many persons (or contacts) match; incomplete conditions are left out.</summary>
    public async Task<int> CountAsync(CurrentUser user, SelectionDefinition definition, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (persons, contacts) = await QueryAsync(db, user, definition, ct);
        return persons is not null ? await persons.CountAsync(ct) : await contacts!.CountAsync(ct);
    }

    /// <summary>One page (0-based) of the matches, by name.</summary>
    public async Task<SelectionPreviewPage> PreviewAsync(CurrentUser user, SelectionDefinition definition, int page, int pageSize, CancellationToken ct = default)
    {
        page = Math.Max(0, page);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await RowsAsync(db, user, definition, ct);
        var items = await rows.Skip(page * pageSize).Take(pageSize + 1).ToListAsync(ct);
        var more = items.Count > pageSize;
        if (more) items.RemoveAt(items.Count - 1);
        return new SelectionPreviewPage(items, page, pageSize, more);
    }

    /// <summary>
    /// "Por que esta pessoa entra?": the whole result and each node's for a person the user can see. For a contacts selection
    /// a node is true when it holds for one of the person's contacts (or for <paramref name="contactId"/> when given).
    /// </summary>
    public async Task<SelectionExplanation> ExplainAsync(CurrentUser user, SelectionDefinition definition, int personId, CancellationToken ct = default,
        int? contactId = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var visible = await PersonService.VisibleAsync(db, user, ct);
        var name = await visible.Where(p => p.Id == personId).Select(p => p.Name).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException(SelectionMessages.SelectionPersonNotVisible);
        var (compiler, _) = await PrepareAsync(db, user, definition, ct);
        var subject = Subject(db, visible.Where(p => p.Id == personId), definition.Target, contactId);
        var matches = await subject.Where(Whole(compiler, definition)).AnyAsync(ct);
        var results = new List<SelectionNodeResult>();
        var parents = ParentRelations(definition);
        foreach (var (node, path, depth) in definition.Walk())
        {
            if (depth == 0) continue;
            parents.TryGetValue(node.Id, out var parent);
            var lambda = compiler.CompileNodeForExplain(definition, node, parent);
            bool? result = lambda is null ? null : await subject.Where(lambda).AnyAsync(ct);
            results.Add(new SelectionNodeResult(node.Id, path, depth, result, parent is not null));
        }
        return new SelectionExplanation(personId, name, matches, results);
    }

    /// <summary>Incomplete conditions (left out, with a warning) and invalid ones (the selection cannot run), with their path.</summary>
    public async Task<IReadOnlyList<SelectionIssue>> ValidateAsync(CurrentUser user, SelectionDefinition definition, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var issues = new List<SelectionIssue>();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        SelectionCompiler compiler;
        try
        {
            (compiler, _) = await PrepareAsync(db, user, definition, ct);
            _ = Whole(compiler, definition);
        }
        catch (BusinessRuleException ex)
        {
            issues.Add(new SelectionIssue(definition.Root?.Id ?? Guid.Empty, "", SelectionIssueSeverity.Invalid, ex.Message));
            if (definition.Root is null) return issues;
            compiler = (await PrepareAsync(db, user, definition, ct, tolerant: true)).Compiler;
        }
        var parents = ParentRelations(definition);
        foreach (var (node, path, depth) in definition.Walk())
        {
            if (depth == 0) continue;
            parents.TryGetValue(node.Id, out var parent);
            string? invalid = null;
            try
            {
                if (node is not SelectionGroup) compiler.CompileNodeForExplain(definition, node, parent);
            }
            catch (BusinessRuleException ex)
            {
                invalid = ex.Message;
            }
            if (invalid is not null) issues.Add(new SelectionIssue(node.Id, path, SelectionIssueSeverity.Invalid, invalid));
            else if (IsIncomplete(node, compiler)) issues.Add(new SelectionIssue(node.Id, path, SelectionIssueSeverity.Incomplete, SelectionMessages.SelectionIncomplete));
        }
        // the whole-tree problem (e.g. a cycle) is already reported on the root; keep one issue per node
        return issues.GroupBy(i => (i.NodeId, i.Severity)).Select(g => g.First()).ToList();
    }

    private static bool IsIncomplete(SelectionNode node, SelectionCompiler compiler) => node switch
    {
        SelectionCondition c => string.IsNullOrWhiteSpace(c.Field) || c.Operator is null
            || !SelectionCompiler.HasValues(c.Operator.Value, (c.Values ?? []).Select(v => v?.Trim() ?? "").ToList()),
        RelatedCondition r => string.IsNullOrWhiteSpace(r.Relation) || (r.Mode == RelatedMode.AtLeastN && r.Count is null),
        _ => false,
    };

    // ---------------------------------------------------------------- plumbing

    private static Dictionary<Guid, RelatedCondition> ParentRelations(SelectionDefinition def)
    {
        var map = new Dictionary<Guid, RelatedCondition>();
        foreach (var r in def.Walk().Select(x => x.Node).OfType<RelatedCondition>())
            foreach (var (n, _, _) in new SelectionDefinition { Root = r.Where ?? new SelectionGroup() }.Walk())
                if (n != r.Where) map[n.Id] = r;
        return map;
    }

    private static Expression<Func<PersonContact, bool>> Whole(SelectionCompiler compiler, SelectionDefinition def)
    {
        if (def.Target == SelectionTarget.Contacts) return compiler.CompileContacts(def);
        var persons = compiler.CompilePersons(def);
        var x = Expression.Parameter(typeof(PersonContact), "x");
        var body = new ParameterSwap(persons.Parameters[0], Expression.Property(x, nameof(PersonContact.Person))).Visit(persons.Body);
        return Expression.Lambda<Func<PersonContact, bool>>(body, x);
    }

    private sealed class ParameterSwap(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }

    /// <summary>The rows a selection ranges over: persons (Contact null), or each contact with its person.</summary>
    private static IQueryable<PersonContact> Subject(FoccoDbContext db, IQueryable<Person> persons, SelectionTarget target, int? contactId = null)
    {
        if (target == SelectionTarget.Persons) return persons.Select(p => new PersonContact { Person = p, Contact = null! });
        var contacts = db.Contacts.AsNoTracking();
        if (contactId is { } cid) contacts = contacts.Where(c => c.Id == cid);
        return from c in contacts join p in persons on c.PersonId equals p.Id select new PersonContact { Person = p, Contact = c };
    }

    /// <summary>The matching persons (persons target) or person–contact rows (contacts target), still SQL.</summary>
    internal async Task<(IQueryable<Person>? Persons, IQueryable<PersonContact>? Contacts)> QueryAsync(FoccoDbContext db, CurrentUser user,
        SelectionDefinition definition, CancellationToken ct)
    {
        var (compiler, visible) = await PrepareAsync(db, user, definition, ct);
        if (definition.Target == SelectionTarget.Persons) return (visible.Where(compiler.CompilePersons(definition)), null);
        return (null, Subject(db, visible, SelectionTarget.Contacts).Where(compiler.CompileContacts(definition)));
    }

    /// <summary>The matching rows projected for the preview/export, by name.</summary>
    internal async Task<IQueryable<SelectionPreviewRow>> RowsAsync(FoccoDbContext db, CurrentUser user, SelectionDefinition definition, CancellationToken ct)
    {
        var (persons, contacts) = await QueryAsync(db, user, definition, ct);
        if (persons is not null)
            return persons.OrderBy(p => p.Name).ThenBy(p => p.Id).Select(p => new SelectionPreviewRow(p.Id, null, p.Name, p.TradeName, p.Type, p.Document, p.Roles,
                p.Email, p.Phone ?? p.Mobile, p.City, p.State, p.IsActive, null, null, null));
        return contacts!.OrderBy(x => x.Person.Name).ThenBy(x => x.Person.Id).ThenBy(x => x.Contact.Name).ThenBy(x => x.Contact.Id)
            .Select(x => new SelectionPreviewRow(x.Person.Id, x.Contact.Id, x.Person.Name, x.Person.TradeName, x.Person.Type, x.Person.Document, x.Person.Roles,
                x.Person.Email, x.Person.Phone ?? x.Person.Mobile, x.Person.City, x.Person.State, x.Person.IsActive,
                x.Contact.Name, x.Contact.Email, x.Contact.Phone ?? x.Contact.Mobile));
    }

    /// <summary>Builds the compiler for the current company (today, time zone, additional-data questions, referenced selections).</summary>
    internal async Task<(SelectionCompiler Compiler, IQueryable<Person> Visible)> PrepareAsync(FoccoDbContext db, CurrentUser user, SelectionDefinition definition,
        CancellationToken ct, bool tolerant = false, (int Id, SelectionDefinition Definition)? replacing = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (definition.Root is null) throw new BusinessRuleException(SelectionMessages.SelectionJsonInvalid);
        var companyId = user.RequireCurrentCompany();
        var today = DateOnly.FromDateTime(user.ToLocal(clock.GetUtcNow().UtcDateTime));

        // saved selections referenced, transitively (each loaded once; cycles are caught by the compiler)
        var selections = new Dictionary<int, ReferencedSelection>();
        var definitions = new List<SelectionDefinition> { definition };
        var pending = SelectionCompiler.ReferencedIds(definition).ToHashSet();
        var userId = user.Id;
        for (var round = 0; pending.Count > 0 && round < 50; round++)
        {
            var ids = pending.ToList();
            var found = await db.SavedSelections.AsNoTracking()
                .Where(s => ids.Contains(s.Id) && s.CompanyId == companyId && (s.Visibility == SelectionVisibility.Company || s.OwnerId == userId))
                .Select(s => new { s.Id, s.Kind, s.DefinitionJson }).ToListAsync(ct);
            pending.Clear();
            foreach (var s in found)
            {
                SelectionDefinition? d = null;
                var kind = s.Kind;
                if (replacing is { } r && r.Id == s.Id)
                    (d, kind) = (r.Definition, SelectionKind.Dynamic); // the rules about to be saved, for the cycle check
                else
                    try
                    {
                        d = SelectionDefinition.FromJson(s.DefinitionJson);
                    }
                    catch (BusinessRuleException) when (tolerant)
                    {
                    }
                selections[s.Id] = new ReferencedSelection(s.Id, kind, d);
                if (kind == SelectionKind.Snapshot) continue;
                if (d is null) continue;
                definitions.Add(d);
                foreach (var next in SelectionCompiler.ReferencedIds(d)) if (!selections.ContainsKey(next)) pending.Add(next);
            }
        }

        // additional-data questions used anywhere
        var questionIds = definitions.SelectMany(d => d.Walk()).Select(x => x.Node).OfType<SelectionCondition>()
            .Select(c => SelectionCatalog.AnswerQuestionId(c.Field)).OfType<int>().Distinct().ToList();
        var questions = questionIds.Count == 0
            ? new Dictionary<int, SelectionField>()
            : (await db.Questions.AsNoTracking().Where(q => questionIds.Contains(q.Id)).Select(q => new { q.Id, q.Kind, q.Text }).ToListAsync(ct))
                .ToDictionary(q => q.Id, q => SelectionCatalog.AnswerField(q.Id, q.Kind, q.Text));

        var ctx = new SelectionContext
        {
            Db = db,
            CompanyId = companyId,
            Today = today,
            StartUtc = d => user.ToUtc(d.ToDateTime(TimeOnly.MinValue)),
            Questions = questions,
            Selections = selections,
        };
        var visible = await PersonService.VisibleAsync(db, user, ct);
        return (new SelectionCompiler(ctx), visible);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
