using FluentValidation;
using FluentValidation.Results;
using FoccoCrm.Core.Catalogs;
using FoccoCrm.Core.Common;
using FoccoCrm.Core.Data;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Persons;
using Microsoft.EntityFrameworkCore;

namespace FoccoCrm.Core.Checklists;

/// <summary>
/// Checklists (FERM0105): header (code, description, type, product, companies, active), publishing the draft as an immutable
/// version, and the version history. The draft tree itself is edited through <see cref="ChecklistDesignService"/>.
/// Designers (administrators, managers) see every checklist; other users those linked to their companies.
/// </summary>
public sealed class ChecklistService(IDbContextFactory<FoccoDbContext> dbFactory, IValidator<ChecklistInput> validator, TimeProvider clock,
    CatalogService<ChecklistType> checklistTypes)
{
    public const int MaxRows = 1000;

    public async Task<PagedResult<ChecklistRow>> ListAsync(CurrentUser user, ChecklistQuery query, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = Visible(db, user);
        if (!query.IncludeInactive) q = q.Where(c => c.IsActive);
        if (query.TypeId is { } t) q = q.Where(c => c.TypeId == t);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var s = query.Search.Trim();
            var like = $"%{s}%";
            q = q.Where(c => EF.Functions.Like(c.Code, like) || EF.Functions.Like(c.Description, like));
        }
        var total = await q.CountAsync(ct);
        var rows = await Rows(db, q.OrderBy(c => c.Code).Skip(Math.Max(0, query.Skip)).Take(Math.Clamp(query.Take, 1, MaxRows))).ToListAsync(ct);
        return new PagedResult<ChecklistRow>(rows, total);
    }

    public async Task<ChecklistRow> GetAsync(CurrentUser user, int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Rows(db, Visible(db, user).Where(c => c.Id == id)).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException(ChecklistMessages.ChecklistNotFound);
    }

    public async Task<int> CreateAsync(CurrentUser user, ChecklistInput input, CancellationToken ct = default)
    {
        user.EnsureCanDesignChecklists();
        await validator.EnsureValidAsync(input, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await EnsureReferencesAsync(db, user, input, null, ct);
        var checklist = Checklist.Create(input);
        await EnsureUniqueCodeAsync(db, checklist, ct);
        db.Checklists.Add(checklist);
        await db.SaveChangesAsync(ct);
        return checklist.Id;
    }

    /// <summary>Saves the header if nobody changed the checklist (header or draft) since <paramref name="expectedVersion"/> was read.</summary>
    public async Task UpdateAsync(CurrentUser user, int id, ChecklistInput input, Guid expectedVersion, CancellationToken ct = default)
    {
        user.EnsureCanDesignChecklists();
        await validator.EnsureValidAsync(input, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var checklist = await db.Checklists.Include(c => c.Companies).FirstOrDefaultAsync(c => c.Id == id, ct)
            ?? throw new NotFoundException(ChecklistMessages.ChecklistNotFound);
        db.ExpectVersion(checklist, expectedVersion);
        await EnsureReferencesAsync(db, user, input, checklist, ct);
        checklist.Apply(input);
        await EnsureUniqueCodeAsync(db, checklist, ct);
        await db.SaveOrConflictAsync(async () => await GetAsync(user, id, ct), ct);
    }

    public async Task DeactivateAsync(CurrentUser user, int id, CancellationToken ct = default)
    {
        user.EnsureCanDesignChecklists();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var checklist = await db.Checklists.FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException(ChecklistMessages.ChecklistNotFound);
        checklist.Deactivate();
        await db.SaveChangesAsync(ct);
    }

    /// <summary>What keeps the draft from being published (no company, empty tree, orphaned nodes, inactive questions); empty when it can be.</summary>
    public async Task<IReadOnlyList<PublishProblem>> PublishProblemsAsync(CurrentUser user, int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (checklist, tree) = await LoadDraftAsync(db, user, id, tracked: false, ct);
        return Problems(checklist, tree);
    }

    /// <summary>
    /// Freezes the draft (with the question and option texts as they are now) as the next version. Refused with
    /// <see cref="BusinessRuleException"/> (all reasons in the message) when <see cref="PublishProblemsAsync"/> finds any.
    /// </summary>
    public async Task<ChecklistVersionRow> PublishAsync(CurrentUser user, int id, Guid expectedVersion, CancellationToken ct = default)
    {
        user.EnsureCanDesignChecklists();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (checklist, tree) = await LoadDraftAsync(db, user, id, tracked: true, ct);
        db.ExpectVersion(checklist, expectedVersion);
        if (Problems(checklist, tree) is { Count: > 0 } problems)
            throw new BusinessRuleException(string.Join(" ", problems.Select(p => p.Message)));
        var number = (await db.ChecklistVersions.Where(v => v.ChecklistId == id).MaxAsync(v => (int?)v.Number, ct) ?? 0) + 1;
        var version = ChecklistVersion.Publish(checklist, number, tree.ToDefinition(), clock.GetUtcNow().UtcDateTime, user.Id, user.FullName);
        db.ChecklistVersions.Add(version);
        db.Entry(checklist).Property(c => c.Version).IsModified = true; // the publication is a change of the checklist (new token)
        await db.SaveOrConflictAsync(async () => await GetAsync(user, id, ct), ct);
        return new ChecklistVersionRow(version.Id, id, number, version.PublishedAtUtc, version.PublishedByName, version.NodeCount);
    }

    /// <summary>The published versions, newest first.</summary>
    public async Task<IReadOnlyList<ChecklistVersionRow>> ListVersionsAsync(CurrentUser user, int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await Visible(db, user).AnyAsync(c => c.Id == id, ct)) throw new NotFoundException(ChecklistMessages.ChecklistNotFound);
        return await db.ChecklistVersions.AsNoTracking().Where(v => v.ChecklistId == id).OrderByDescending(v => v.Number)
            .Select(v => new ChecklistVersionRow(v.Id, v.ChecklistId, v.Number, v.PublishedAtUtc, v.PublishedByName, v.NodeCount)).ToListAsync(ct);
    }

    /// <summary>A published version with its frozen tree.</summary>
    public async Task<ChecklistVersionDetail> GetVersionAsync(CurrentUser user, int versionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var v = await db.ChecklistVersions.AsNoTracking().FirstOrDefaultAsync(x => x.Id == versionId, ct)
            ?? throw new NotFoundException(ChecklistMessages.ChecklistVersionNotFound);
        var header = await Visible(db, user).Where(c => c.Id == v.ChecklistId).Select(c => new { c.Code, c.Description }).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException(ChecklistMessages.ChecklistVersionNotFound);
        return new ChecklistVersionDetail(new ChecklistVersionRow(v.Id, v.ChecklistId, v.Number, v.PublishedAtUtc, v.PublishedByName, v.NodeCount),
            header.Code, header.Description, v.ToDefinition());
    }

    internal static IQueryable<Checklist> Visible(FoccoDbContext db, CurrentUser user)
    {
        var q = db.Checklists.AsNoTracking();
        if (user.CanDesignChecklists()) return q;
        var ids = user.CompanyIds;
        return q.Where(c => c.Companies.Any(x => ids.Contains(x.CompanyId)));
    }

    /// <summary>The draft as the tree model, with the bank questions as they are now.</summary>
    internal static async Task<(Checklist Checklist, ChecklistTree Tree)> LoadDraftAsync(FoccoDbContext db, CurrentUser user, int id, bool tracked, CancellationToken ct)
    {
        if (!await Visible(db, user).AnyAsync(c => c.Id == id, ct)) throw new NotFoundException(ChecklistMessages.ChecklistNotFound);
        var query = db.Checklists.Include(c => c.Companies).Where(c => c.Id == id);
        var checklist = await (tracked ? query : query.AsNoTracking()).FirstAsync(ct);
        var nodes = await db.ChecklistNodes.AsNoTracking().Where(n => n.ChecklistId == id).ToListAsync(ct);
        var questionIds = nodes.Select(n => n.QuestionId).Distinct().ToList();
        var questions = await db.Questions.AsNoTracking().Include(q => q.Options).Where(q => questionIds.Contains(q.Id)).ToListAsync(ct);
        return (checklist, new ChecklistTree(nodes.Select(n => n.ToTreeNode()), questions.Select(q => q.ToForm())));
    }

    internal static IReadOnlyList<PublishProblem> Problems(Checklist checklist, ChecklistTree tree)
    {
        var list = new List<PublishProblem>();
        if (checklist.Companies.Count == 0) list.Add(new(ChecklistMessages.PublishNoCompany, []));
        if (tree.Count == 0) list.Add(new(ChecklistMessages.PublishEmpty, []));
        if (tree.Orphans() is { Count: > 0 } orphans)
            list.Add(new(Messages.Format(nameof(ChecklistMessages.PublishOrphans), orphans.Count), [.. orphans.Select(o => o.NodeId)]));
        var inactive = tree.Nodes.Where(n => tree.QuestionOf(n) is not { IsActive: true }).Select(n => n.Id).ToList();
        if (inactive.Count > 0) list.Add(new(Messages.Format(nameof(ChecklistMessages.PublishInactiveQuestions), inactive.Count), inactive));
        return list;
    }

    private static IQueryable<ChecklistRow> Rows(FoccoDbContext db, IQueryable<Checklist> q) =>
        from c in q
        join t in db.ChecklistTypes on c.TypeId equals t.Id
        join p in db.Products on c.ProductId equals p.Id into ps
        from p in ps.DefaultIfEmpty()
        let latest = db.ChecklistVersions.Where(v => v.ChecklistId == c.Id).OrderByDescending(v => v.Number).FirstOrDefault()
        select new ChecklistRow(c.Id, c.Code, c.Description, c.TypeId, t.Code, t.Description, t.Usage, c.ProductId,
            p == null ? null : p.Code, p == null ? null : p.Description, c.IsActive,
            c.Companies.OrderBy(x => x.CompanyId).Select(x => x.CompanyId).ToList(), c.Nodes.Count,
            latest == null ? null : latest.Number, latest == null ? null : latest.PublishedAtUtc,
            latest == null ? c.Nodes.Count > 0 : latest.DraftRevision != c.DraftRevision, c.Version);

    private async Task EnsureReferencesAsync(FoccoDbContext db, CurrentUser user, ChecklistInput input, Checklist? current, CancellationToken ct)
    {
        // Keeping an (now inactive) type is allowed; choosing one needs an active entry (the catalogs' one rule).
        if (current?.TypeId != input.TypeId) await checklistTypes.EnsureSelectableAsync(db, input.TypeId, ct: ct);
        if (input.ProductId is { } pid && current?.ProductId != pid && !await db.Products.AnyAsync(p => p.Id == pid && user.CompanyIds.Contains(p.CompanyId), ct))
            throw new BusinessRuleException(ChecklistMessages.ChecklistProductInvalid);
        // a user can only link (or unlink) companies they have access to
        var before = current?.Companies.Select(c => c.CompanyId).ToHashSet() ?? [];
        foreach (var companyId in input.CompanyIds.Distinct().Where(id => !before.Contains(id)).Concat(before.Where(id => !input.CompanyIds.Contains(id))))
            user.EnsureAccess(companyId);
    }

    private static async Task EnsureUniqueCodeAsync(FoccoDbContext db, Checklist checklist, CancellationToken ct)
    {
        var code = checklist.Code;
        var id = checklist.Id;
        if (await db.Checklists.AnyAsync(c => c.Code == code && c.Id != id, ct))
            throw new ValidationException([new ValidationFailure(nameof(ChecklistInput.Code), Messages.Format(nameof(ChecklistMessages.ChecklistCodeTaken), code))]);
    }
}
