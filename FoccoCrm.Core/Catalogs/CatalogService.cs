using System.Data.Common;
using FluentValidation;
using FluentValidation.Results;
using FoccoCrm.Core.Common;
using FoccoCrm.Core.Data;
using FoccoCrm.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace FoccoCrm.Core.Catalogs;

/// <summary>
/// One catalog (FERM0100, FCRM0100, FERM0102, FERM0103, FCLI0103): everybody signed in reads it, administrators and
/// managers maintain it. Reasons are addressed through their type (<c>parentId</c>). Other features call
/// <see cref="ListActiveAsync"/> for their pickers and <see cref="EnsureSelectableAsync(int, int?, CancellationToken)"/>
/// before saving a record that references an entry.
/// </summary>
public sealed class CatalogService<T>(IDbContextFactory<FoccoDbContext> dbFactory, IValidator<CatalogEntryInput> validator, IEnumerable<ICatalogUsage> usages)
    where T : CatalogEntry, ICatalogEntity<T>
{
    public CatalogKind Kind => T.Kind;
    public bool HasParent => T.ParentKind is not null;

    /// <summary>Entries by code; inactive ones only when asked. <paramref name="search"/> matches the code or part of the description.</summary>
    public async Task<IReadOnlyList<CatalogEntryRow>> ListAsync(CurrentUser user, int? parentId = null, string? search = null,
        bool includeInactive = false, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = Scoped(db, parentId);
        if (!includeInactive) q = q.Where(e => e.IsActive);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var s = search.Trim();
            var code = int.TryParse(s, out var n) ? n : -1;
            q = q.Where(e => e.Code == code || EF.Functions.Like(e.Description, $"%{s}%"));
        }
        return await q.OrderBy(e => e.Code).Select(T.ToRow).ToListAsync(ct);
    }

    /// <summary>What a picker offers for a new record: active entries (for reasons: of an active type), by code.</summary>
    public async Task<IReadOnlyList<CatalogOption>> ListActiveAsync(CurrentUser user, int? parentId = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Scoped(db, parentId).Where(T.Selectable).OrderBy(e => e.Code)
            .Select(e => new CatalogOption(e.Id, e.Code, e.Description)).ToListAsync(ct);
    }

    public async Task<CatalogEntryRow> GetAsync(CurrentUser user, int id, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<T>().AsNoTracking().Where(e => e.Id == id).Select(T.ToRow).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException(Messages.CatalogEntryNotFound);
    }

    /// <summary>
    /// Throws <see cref="BusinessRuleException"/> unless a new record may reference the entry: it exists, is active,
    /// and (for reasons) belongs to <paramref name="parentId"/> and its type is active.
    /// </summary>
    public async Task EnsureSelectableAsync(int id, int? parentId = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await EnsureSelectableAsync(db, id, parentId, ct);
    }

    /// <summary>Same, inside the caller's unit of work.</summary>
    public async Task EnsureSelectableAsync(FoccoDbContext db, int id, int? parentId = null, CancellationToken ct = default)
    {
        var entry = await db.Set<T>().AsNoTracking().Where(e => e.Id == id).Select(T.ToRow).FirstOrDefaultAsync(ct)
            ?? throw new BusinessRuleException(Messages.Format(nameof(Messages.CatalogEntryMissing), KindName(T.Kind)));
        if (HasParent && (parentId is null || entry.ParentId != parentId))
            throw new BusinessRuleException(Messages.Format(nameof(Messages.CatalogReasonOfOtherType), entry.Code, entry.Description));
        if (!entry.IsActive)
            throw new BusinessRuleException(Messages.Format(nameof(Messages.CatalogEntryInactive), KindName(T.Kind), entry.Code, entry.Description));
        if (HasParent && !await db.Set<T>().Where(e => e.Id == id).AnyAsync(T.Selectable, ct))
            throw new BusinessRuleException(Messages.Format(nameof(Messages.CatalogParentInactive), entry.Code, entry.Description));
    }

    public async Task<int> CreateAsync(CurrentUser user, CatalogEntryInput input, int? parentId = null, CancellationToken ct = default)
    {
        user.EnsureCanMaintainCatalogs();
        await ValidateAsync(input, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entry = T.New();
        entry.Apply(input);
        if (entry is CatalogReason reason)
        {
            var typeId = parentId ?? throw new ArgumentException("A reason needs its type.", nameof(parentId));
            if (!await ParentExistsAsync(db, typeId, ct)) throw new NotFoundException(Messages.CatalogEntryNotFound);
            reason.AttachTo(typeId);
        }
        await EnsureUniqueCodeAsync(db, entry, parentId, ct);
        await EnsureChecklistAsync(db, entry, ct);
        db.Set<T>().Add(entry);
        await db.SaveChangesAsync(ct);
        return entry.Id;
    }

    /// <summary>Saves the edit if nobody changed the entry since <paramref name="expectedVersion"/> was read.</summary>
    public async Task UpdateAsync(CurrentUser user, int id, CatalogEntryInput input, Guid expectedVersion, CancellationToken ct = default)
    {
        user.EnsureCanMaintainCatalogs();
        await ValidateAsync(input, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entry = await db.Set<T>().FirstOrDefaultAsync(e => e.Id == id, ct) ?? throw new NotFoundException(Messages.CatalogEntryNotFound);
        db.ExpectVersion(entry, expectedVersion);
        var previousChecklistId = (entry as OccurrenceType)?.ChecklistId;
        entry.Apply(input);
        await EnsureUniqueCodeAsync(db, entry, (entry as CatalogReason)?.TypeId, ct);
        if ((entry as OccurrenceType)?.ChecklistId != previousChecklistId) await EnsureChecklistAsync(db, entry, ct);
        await db.SaveOrConflictAsync(async () => await GetAsync(user, id, ct), ct);
    }

    /// <summary>Keeps the entry for history and stops offering it (what the user does when deletion is refused).</summary>
    public async Task DeactivateAsync(CurrentUser user, int id, CancellationToken ct = default)
    {
        user.EnsureCanMaintainCatalogs();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entry = await db.Set<T>().FirstOrDefaultAsync(e => e.Id == id, ct) ?? throw new NotFoundException(Messages.CatalogEntryNotFound);
        entry.Deactivate();
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Deletes an entry nothing uses. Every registered <see cref="ICatalogUsage"/> is asked first; if one finds a use,
    /// <see cref="CatalogEntryInUseException"/> tells the user and offers deactivation instead.
    /// </summary>
    public async Task DeleteAsync(CurrentUser user, int id, CancellationToken ct = default)
    {
        user.EnsureCanMaintainCatalogs();
        var row = await GetAsync(user, id, ct);
        var entry = row.ToRef();
        foreach (var usage in usages)
        {
            if (await usage.FindUseAsync(entry, ct) is { } use)
                throw new CatalogEntryInUseException(
                    Messages.Format(nameof(Messages.CatalogEntryInUse), KindName(T.Kind), row.Code, row.Description, use), entry, use);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        int deleted;
        try
        {
            deleted = await db.Set<T>().Where(e => e.Id == id).ExecuteDeleteAsync(ct);
        }
        catch (Exception ex) when (ex is DbException or DbUpdateException)
        {
            // a reference no ICatalogUsage knows about (or one added meanwhile): the foreign key refuses the delete
            var use = Messages.CatalogUse_Referenced;
            throw new CatalogEntryInUseException(
                Messages.Format(nameof(Messages.CatalogEntryInUse), KindName(T.Kind), row.Code, row.Description, use), entry, use);
        }
        if (deleted == 0) throw new NotFoundException(Messages.CatalogEntryNotFound);
    }

    /// <summary>The localized name of a catalog, e.g. "Tipo de chamado".</summary>
    public static string KindName(CatalogKind kind) => Messages.Get("CatalogKind_" + kind);

    private IQueryable<T> Scoped(FoccoDbContext db, int? parentId)
    {
        var q = db.Set<T>().AsNoTracking();
        if (!HasParent) return q;
        return q.Where(T.InParent(parentId ?? throw new ArgumentException("Reasons are listed per type.", nameof(parentId))));
    }

    private async Task ValidateAsync(CatalogEntryInput input, CancellationToken ct)
    {
        if (input.Kind != T.Kind) throw new ArgumentException($"Input for {input.Kind} given to the {T.Kind} catalog.", nameof(input));
        await validator.EnsureValidAsync(input, ct);
    }

    private static Task<bool> ParentExistsAsync(FoccoDbContext db, int typeId, CancellationToken ct) => T.ParentKind switch
    {
        CatalogKind.OccurrenceType => db.OccurrenceTypes.AnyAsync(t => t.Id == typeId, ct),
        CatalogKind.TicketType => db.TicketTypes.AnyAsync(t => t.Id == typeId, ct),
        _ => throw new InvalidOperationException($"{T.Kind} has no parent catalog."),
    };

    /// <summary>An occurrence type's checklist must be active, published and of usage Occurrence (FERM0200 fills it).</summary>
    private static async Task EnsureChecklistAsync(FoccoDbContext db, T entry, CancellationToken ct)
    {
        if (entry is not OccurrenceType { ChecklistId: { } checklistId }) return;
        if (!await Occurrences.OccurrenceService.OccurrenceChecklists(db).AnyAsync(c => c.Id == checklistId, ct))
            throw new ValidationException([new ValidationFailure(nameof(CatalogEntryInput.ChecklistId), Occurrences.OccurrenceMessages.OccurrenceTypeChecklistInvalid)]);
    }

    private async Task EnsureUniqueCodeAsync(FoccoDbContext db, T entry, int? parentId, CancellationToken ct)
    {
        var code = entry.Code;
        var id = entry.Id;
        var taken = await Scoped(db, parentId).AnyAsync(e => e.Code == code && e.Id != id, ct);
        if (taken)
            throw new ValidationException([new ValidationFailure(nameof(CatalogEntryInput.Code),
                Messages.Format(HasParent ? nameof(Messages.CatalogReasonCodeTaken) : nameof(Messages.CatalogCodeTaken), code))]);
    }
}
