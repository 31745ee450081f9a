using System.Globalization;
using FoccoCrm.Core.Catalogs;
using FoccoCrm.Core.Checklists;
using FoccoCrm.Core.Commercial;
using FoccoCrm.Core.Common;
using FoccoCrm.Core.Data;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Occurrences;
using FoccoCrm.Core.Persons;
using FoccoCrm.Core.Tickets;
using Microsoft.EntityFrameworkCore;

namespace FoccoCrm.Core.Selections;

/// <summary>
/// What the rule builder offers: the fields of a target (static catalog + the additional-data questions of the current
/// company's registration checklists), the relations, and the options of value editors (searchable, capped).
/// </summary>
public sealed class SelectionCatalogService(IDbContextFactory<FoccoDbContext> dbFactory)
{
    public const int MaxOptions = 50;

    /// <summary>
    /// The fields usable at the top level of a selection of <paramref name="target"/>, in group order (additional data
    /// included), plus the fields of every relation's records (<see cref="SelectionField.Scope"/> tells where each goes).
    /// </summary>
    public async Task<IReadOnlyList<SelectionField>> ListFieldsAsync(CurrentUser user, SelectionTarget target, CancellationToken ct = default)
    {
        var companyId = user.RequireCurrentCompany();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var questions = await (from q in db.Questions.AsNoTracking()
                               where q.IsActive && db.ChecklistVersionQuestions.Any(vq => vq.QuestionId == q.Id && Registration(db, companyId).Any(c => c.Id == vq.ChecklistId))
                               orderby q.Text
                               select new { q.Id, q.Kind, q.Text }).ToListAsync(ct);
        _ = target;
        var fields = SelectionCatalog.Fields.Concat(questions.Select(q => SelectionCatalog.AnswerField(q.Id, q.Kind, q.Text)));
        return fields.OrderBy(f => f.Group).ToList();
    }

    /// <summary>The fields a condition may use at the top level (not inside a relation) for the target.</summary>
    public async Task<IReadOnlyList<SelectionField>> ListTopLevelFieldsAsync(CurrentUser user, SelectionTarget target, CancellationToken ct = default) =>
        (await ListFieldsAsync(user, target, ct)).Where(f => SelectionCatalog.TopLevelAllows(target, f.Scope)).ToList();

    /// <summary>The relations a related-data condition may use for the target (contacts are the subject of a contacts selection).</summary>
    public IReadOnlyList<SelectionRelation> ListRelations(SelectionTarget target) =>
        SelectionCatalog.Relations.Where(r => !(target == SelectionTarget.Contacts && r.Scope == SelectionScope.Contact)).ToList();

    /// <summary>The fields of a relation's records (the conditions inside it).</summary>
    public IReadOnlyList<SelectionField> ListRelationFields(string relationKey) =>
        SelectionCatalog.FindRelation(relationKey) is { } r ? SelectionCatalog.Fields.Where(f => f.Scope == r.Scope).ToList() : [];

    /// <summary>One field by key (static or additional data), or null when it is not in the catalog.</summary>
    public async Task<SelectionField?> FindFieldAsync(CurrentUser user, string key, CancellationToken ct = default)
    {
        if (SelectionCatalog.Find(key) is { } f) return f;
        if (SelectionCatalog.AnswerQuestionId(key) is not { } qid) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = await db.Questions.AsNoTracking().Where(x => x.Id == qid).Select(x => new { x.Id, x.Kind, x.Text }).FirstOrDefaultAsync(ct);
        _ = user;
        return q is null ? null : SelectionCatalog.AnswerField(q.Id, q.Kind, q.Text);
    }

    /// <summary>
    /// Options of a field's value editor matching <paramref name="search"/> (at most <see cref="MaxOptions"/>, fixed lists whole).
    /// Fields typed by the user (no source) have none.
    /// </summary>
    public async Task<IReadOnlyList<SelectionValueOption>> ListValuesAsync(CurrentUser user, string fieldKey, string? search = null, CancellationToken ct = default)
    {
        var field = await FindFieldAsync(user, fieldKey, ct) ?? throw new BusinessRuleException(Messages.Format(nameof(SelectionMessages.SelectionFieldUnknown), fieldKey));
        var companyId = user.RequireCurrentCompany();
        var s = search?.Trim() ?? "";
        var like = "%" + s.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        switch (field.Source)
        {
            case SelectionValueSource.Fixed:
                return Filter(FixedOptions(field.Key), s);
            case SelectionValueSource.States:
                return Filter(States.All.Select(x => new SelectionValueOption(x, x)).ToList(), s);
            case SelectionValueSource.Cities:
                return await db.Persons.AsNoTracking().Where(p => p.City != null && EF.Functions.Like(p.City, s + "%"))
                    .Select(p => p.City!).Distinct().OrderBy(c => c).Take(MaxOptions).Select(c => new SelectionValueOption(c, c)).ToListAsync(ct);
            case SelectionValueSource.Catalog:
                return field.CatalogKind switch
                {
                    CatalogKind.ContactType => await Entries(db.ContactTypes, like, ct),
                    CatalogKind.TicketType => await Entries(db.TicketTypes, like, ct),
                    CatalogKind.OccurrenceType => await Entries(db.OccurrenceTypes, like, ct),
                    CatalogKind.TicketReason => await (from r in db.TicketReasons.AsNoTracking()
                                                       join t in db.TicketTypes on r.TypeId equals t.Id
                                                       where EF.Functions.Like(r.Description, like, "\\") || EF.Functions.Like(t.Description, like, "\\")
                                                       orderby t.Code, r.Code
                                                       select new { r.Id, T = t.Description, R = r.Description }).Take(MaxOptions)
                        .Select(x => new SelectionValueOption(x.Id.ToString(), x.T + " › " + x.R)).ToListAsync(ct),
                    CatalogKind.OccurrenceReason => await (from r in db.OccurrenceReasons.AsNoTracking()
                                                           join t in db.OccurrenceTypes on r.TypeId equals t.Id
                                                           where EF.Functions.Like(r.Description, like, "\\") || EF.Functions.Like(t.Description, like, "\\")
                                                           orderby t.Code, r.Code
                                                           select new { r.Id, T = t.Description, R = r.Description }).Take(MaxOptions)
                        .Select(x => new SelectionValueOption(x.Id.ToString(), x.T + " › " + x.R)).ToListAsync(ct),
                    _ => [],
                };
            case SelectionValueSource.QuestionOptions:
                var qid = field.QuestionId;
                return await db.QuestionOptions.AsNoTracking().Where(o => o.QuestionId == qid).OrderBy(o => o.Order)
                    .Select(o => new SelectionValueOption(o.Id.ToString(), o.Text)).ToListAsync(ct);
            case SelectionValueSource.Representatives:
                var rep = (int)PersonRoles.Representative;
                var visible = await PersonService.VisibleAsync(db, user, ct);
                return await visible.Where(p => ((int)p.Roles & rep) != 0 && EF.Functions.Like(p.Name, like, "\\")).OrderBy(p => p.Name).Take(MaxOptions)
                    .Select(p => new SelectionValueOption(p.Id.ToString(), p.Name)).ToListAsync(ct);
            case SelectionValueSource.Products:
                return await db.Products.AsNoTracking().Where(p => p.CompanyId == companyId && (EF.Functions.Like(p.Description, like, "\\") || EF.Functions.Like(p.Code, like, "\\")))
                    .OrderBy(p => p.Description).Take(MaxOptions).Select(p => new SelectionValueOption(p.Id.ToString(), p.Code + " · " + p.Description)).ToListAsync(ct);
            case SelectionValueSource.Selections:
                var userId = user.Id;
                return await db.SavedSelections.AsNoTracking()
                    .Where(x => x.CompanyId == companyId && (x.Visibility == SelectionVisibility.Company || x.OwnerId == userId) && EF.Functions.Like(x.Name, like, "\\"))
                    .OrderBy(x => x.Name).Take(MaxOptions).Select(x => new SelectionValueOption(x.Id.ToString(), x.Name)).ToListAsync(ct);
            default:
                return [];
        }
    }

    /// <summary>The labels of chosen values (the plain-language sentence and chips); unknown values keep their text.</summary>
    public async Task<IReadOnlyList<SelectionValueOption>> DescribeValuesAsync(CurrentUser user, string fieldKey, IReadOnlyList<string> values, CancellationToken ct = default)
    {
        var field = await FindFieldAsync(user, fieldKey, ct);
        if (field is null || field.Source is SelectionValueSource.None or SelectionValueSource.States or SelectionValueSource.Cities)
            return values.Select(v => new SelectionValueOption(v, v)).ToList();
        var ids = values.Select(v => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : 0).Where(i => i > 0).Distinct().ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        Dictionary<string, string> labels = field.Source switch
        {
            SelectionValueSource.Fixed => FixedOptions(field.Key).ToDictionary(o => o.Value, o => o.Label, StringComparer.OrdinalIgnoreCase),
            SelectionValueSource.Catalog => field.CatalogKind switch
            {
                CatalogKind.ContactType => await db.ContactTypes.Where(x => ids.Contains(x.Id)).ToDictionaryAsync(x => x.Id.ToString(), x => x.Description, ct),
                CatalogKind.TicketType => await db.TicketTypes.Where(x => ids.Contains(x.Id)).ToDictionaryAsync(x => x.Id.ToString(), x => x.Description, ct),
                CatalogKind.TicketReason => await db.TicketReasons.Where(x => ids.Contains(x.Id)).ToDictionaryAsync(x => x.Id.ToString(), x => x.Description, ct),
                CatalogKind.OccurrenceType => await db.OccurrenceTypes.Where(x => ids.Contains(x.Id)).ToDictionaryAsync(x => x.Id.ToString(), x => x.Description, ct),
                CatalogKind.OccurrenceReason => await db.OccurrenceReasons.Where(x => ids.Contains(x.Id)).ToDictionaryAsync(x => x.Id.ToString(), x => x.Description, ct),
                _ => [],
            },
            SelectionValueSource.QuestionOptions => await db.QuestionOptions.Where(x => ids.Contains(x.Id)).ToDictionaryAsync(x => x.Id.ToString(), x => x.Text, ct),
            SelectionValueSource.Representatives => await db.Persons.Where(x => ids.Contains(x.Id)).ToDictionaryAsync(x => x.Id.ToString(), x => x.Name, ct),
            SelectionValueSource.Products => await db.Products.Where(x => ids.Contains(x.Id)).ToDictionaryAsync(x => x.Id.ToString(), x => x.Description, ct),
            SelectionValueSource.Selections => await db.SavedSelections.Where(x => ids.Contains(x.Id) && user.CompanyIds.Contains(x.CompanyId))
                .ToDictionaryAsync(x => x.Id.ToString(), x => x.Name, ct),
            _ => [],
        };
        return values.Select(v => new SelectionValueOption(v, labels.TryGetValue(v, out var l) ? l : v)).ToList();
    }

    /// <summary>The options of fixed-list fields (enum names as values).</summary>
    public static IReadOnlyList<SelectionValueOption> FixedOptions(string fieldKey) => fieldKey switch
    {
        "person.roles" => Enum<PersonRoles>(r => r != PersonRoles.None),
        "person.type" => Enum<PersonType>(),
        "ticket.status" => Enum<TicketStatus>(),
        "ticket.origin" => Enum<TicketOrigin>(),
        "ticket.priority" => Enum<TicketPriority>(),
        "occurrence.status" => Enum<OccurrenceStatus>(),
        "receivable.status" => Enum<ReceivableStatus>(),
        "contact.birthMonth" => Enumerable.Range(1, 12)
            .Select(m => new SelectionValueOption(m.ToString(CultureInfo.InvariantCulture), CultureInfo.CurrentCulture.TextInfo.ToTitleCase(CultureInfo.CurrentCulture.DateTimeFormat.GetMonthName(m))))
            .ToList(),
        _ => [],
    };

    private static List<SelectionValueOption> Enum<T>(Func<T, bool>? keep = null) where T : struct, Enum =>
        System.Enum.GetValues<T>().Where(v => keep?.Invoke(v) ?? true).Select(v => new SelectionValueOption(v.ToString(), Messages.Get(typeof(T).Name + "_" + v))).ToList();

    private static List<SelectionValueOption> Filter(IReadOnlyList<SelectionValueOption> options, string search) =>
        search.Length == 0 ? options.ToList() : options.Where(o => o.Label.Contains(search, StringComparison.CurrentCultureIgnoreCase) || o.Value.Contains(search, StringComparison.OrdinalIgnoreCase)).ToList();

    private static Task<List<SelectionValueOption>> Entries<T>(IQueryable<T> set, string like, CancellationToken ct) where T : CatalogEntry =>
        set.AsNoTracking().Where(x => EF.Functions.Like(x.Description, like, "\\")).OrderBy(x => x.Code).Take(MaxOptions)
            .Select(x => new SelectionValueOption(x.Id.ToString(), x.Code + " · " + x.Description)).ToListAsync(ct);

    /// <summary>Active, published registration checklists linked to the company (their questions are the additional data).</summary>
    internal static IQueryable<Checklist> Registration(FoccoDbContext db, int companyId) =>
        from c in db.Checklists
        join t in db.ChecklistTypes on c.TypeId equals t.Id
        where c.IsActive && t.Usage == ChecklistUsage.Registration && c.Companies.Any(x => x.CompanyId == companyId)
        select c;
}
