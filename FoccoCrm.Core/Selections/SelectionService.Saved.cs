using FoccoCrm.Core.Common;
using FoccoCrm.Core.Data;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Occurrences;
using Microsoft.EntityFrameworkCore;

namespace FoccoCrm.Core.Selections;

public sealed partial class SelectionService
{
    /// <summary>Saved selections of the current company the user can see (their own and the company's), by name.</summary>
    public async Task<IReadOnlyList<SavedSelectionRow>> ListSavedAsync(CurrentUser user, CancellationToken ct = default)
    {
        var companyId = user.RequireCurrentCompany();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var userId = user.Id;
        var rows = await db.SavedSelections.AsNoTracking()
            .Where(s => s.CompanyId == companyId && (s.Visibility == SelectionVisibility.Company || s.OwnerId == userId))
            .OrderBy(s => s.Name).ThenBy(s => s.Id).ToListAsync(ct);
        return rows.Select(s => ToRow(s, user)).ToList();
    }

    /// <summary>One saved selection with its rules.</summary>
    public async Task<SavedSelectionDetail> GetSavedAsync(CurrentUser user, int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var s = await LoadVisibleAsync(db, user, id, tracking: false, ct);
        return new SavedSelectionDetail(ToRow(s, user), s.Definition);
    }

    /// <summary>Saves a new selection in the current company (a snapshot freezes its members now); returns its id.</summary>
    public async Task<int> CreateSavedAsync(CurrentUser user, SavedSelectionInput input, CancellationToken ct = default)
    {
        await savedValidator.EnsureValidAsync(input, ct);
        var companyId = user.RequireCurrentCompany();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await EnsureRunnableAsync(db, user, input.Definition, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var s = SavedSelection.Create(companyId, user, Now);
        s.Apply(input, Now);
        db.SavedSelections.Add(s);
        await db.SaveChangesAsync(ct);
        if (s.Kind == SelectionKind.Snapshot) await FreezeAsync(db, user, s, input.Definition, ct);
        await tx.CommitAsync(ct);
        return s.Id;
    }

    /// <summary>
    /// Saves an edit if nobody changed the selection since <paramref name="expectedVersion"/>. Saving a snapshot freezes its
    /// members again (with today's date). A selection may not end up depending on itself.
    /// </summary>
    public async Task UpdateSavedAsync(CurrentUser user, int id, SavedSelectionInput input, Guid expectedVersion, CancellationToken ct = default)
    {
        await savedValidator.EnsureValidAsync(input, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var s = await LoadVisibleAsync(db, user, id, tracking: true, ct);
        EnsureCanEdit(user, s);
        db.ExpectVersion(s, expectedVersion);
        // the rules as they will be saved must not reach this selection again (cycle check through the saved references)
        if (SelectionCompiler.ReferencedIds(input.Definition).Contains(id)) throw new BusinessRuleException(SelectionMessages.SelectionCycle);
        await EnsureRunnableAsync(db, user, input.Definition, ct, selfId: id);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        s.Apply(input, Now);
        await db.SaveOrConflictAsync(async () => await GetSavedAsync(user, id, ct), ct);
        await db.SavedSelectionMembers.Where(m => m.SelectionId == id).ExecuteDeleteAsync(ct);
        if (s.Kind == SelectionKind.Snapshot) await FreezeAsync(db, user, s, input.Definition, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>A copy named "… (cópia)" owned by the user, private; a snapshot copy keeps the frozen members and date.</summary>
    public async Task<int> DuplicateSavedAsync(CurrentUser user, int id, string? name = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var s = await LoadVisibleAsync(db, user, id, tracking: false, ct);
        var copyName = string.IsNullOrWhiteSpace(name) ? Cut(s.Name + " " + Messages.Get("SelectionCopySuffix"), SavedSelectionInputValidator.NameMaxLength) : name.Trim();
        var input = new SavedSelectionInput { Name = copyName, Description = s.Description, Visibility = SelectionVisibility.Private, Kind = s.Kind, Definition = s.Definition };
        await savedValidator.EnsureValidAsync(input, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var copy = SavedSelection.Create(s.CompanyId, user, Now);
        copy.Apply(input, Now);
        if (s.Kind == SelectionKind.Snapshot) copy.Froze(s.SnapshotCount ?? 0, s.SnapshotAtUtc ?? Now);
        db.SavedSelections.Add(copy);
        await db.SaveChangesAsync(ct);
        if (s.Kind == SelectionKind.Snapshot)
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO SavedSelectionMembers (SelectionId, PersonId, ContactId)
                SELECT {copy.Id}, PersonId, ContactId FROM SavedSelectionMembers WHERE SelectionId = {id}
                """, ct);
        await tx.CommitAsync(ct);
        return copy.Id;
    }

    /// <summary>Deletes a saved selection (owner, managers, administrators); selections that use it stop finding it.</summary>
    public async Task DeleteSavedAsync(CurrentUser user, int id, Guid expectedVersion, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var s = await LoadVisibleAsync(db, user, id, tracking: true, ct);
        EnsureCanEdit(user, s);
        db.ExpectVersion(s, expectedVersion);
        db.SavedSelections.Remove(s);
        await db.SaveOrConflictAsync(async () => await GetSavedAsync(user, id, ct), ct);
    }

    /// <summary>The rules a saved selection runs with: a snapshot as "member of itself" (its frozen list), a dynamic one as saved.</summary>
    public async Task<SelectionDefinition> DefinitionOfAsync(CurrentUser user, int id, CancellationToken ct = default)
    {
        var d = await GetSavedAsync(user, id, ct);
        if (d.Row.Kind == SelectionKind.Dynamic) return d.Definition;
        return new SelectionDefinition
        {
            Target = SelectionTarget.Persons,
            Root = new SelectionGroup { Children = [new SelectionCondition { Field = "selection.member", Operator = SelectionOperator.In, Values = [id.ToString(System.Globalization.CultureInfo.InvariantCulture)] }] },
        };
    }

    private static bool CanEdit(CurrentUser user, SavedSelection s) => s.OwnerId == user.Id || user.IsOccurrenceSupervisor();

    private static void EnsureCanEdit(CurrentUser user, SavedSelection s)
    {
        if (!CanEdit(user, s)) throw new ForbiddenException(SelectionMessages.SelectionEditForbidden);
    }

    private static SavedSelectionRow ToRow(SavedSelection s, CurrentUser user) => new(s.Id, s.CompanyId, s.Name, s.Description, s.OwnerId, s.OwnerName, s.Visibility,
        s.Kind, s.Target, s.SnapshotAtUtc, s.SnapshotCount, s.UpdatedAtUtc, s.Version, CanEdit(user, s));

    private static async Task<SavedSelection> LoadVisibleAsync(FoccoDbContext db, CurrentUser user, int id, bool tracking, CancellationToken ct)
    {
        var q = tracking ? db.SavedSelections : db.SavedSelections.AsNoTracking();
        var s = await q.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (s is null || !s.IsVisibleTo(user)) throw new NotFoundException(SelectionMessages.SelectionNotFound);
        return s;
    }

    /// <summary>Compiles the rules once (unknown fields, cycles, ...) before anything is saved.</summary>
    private async Task EnsureRunnableAsync(FoccoDbContext db, CurrentUser user, SelectionDefinition definition, CancellationToken ct, int? selfId = null)
    {
        var (compiler, _) = await PrepareAsync(db, user, definition, ct);
        _ = Whole(compiler, definition);
        if (selfId is not { } id) return;
        // saved as it will be, does "member of itself" still terminate? (a cycle through other saved selections)
        var self = new SelectionDefinition { Root = new SelectionGroup { Children = [new SelectionCondition { Field = "selection.member", Operator = SelectionOperator.In,
            Values = [id.ToString(System.Globalization.CultureInfo.InvariantCulture)] }] } };
        var (viaSelf, _) = await PrepareAsync(db, user, self, ct, replacing: (id, definition));
        _ = Whole(viaSelf, self);
    }

    /// <summary>Freezes a snapshot's members with one INSERT … SELECT of the compiled query.</summary>
    private async Task FreezeAsync(FoccoDbContext db, CurrentUser user, SavedSelection s, SelectionDefinition definition, CancellationToken ct)
    {
        var (persons, contacts) = await QueryAsync(db, user, definition, ct);
        var members = persons is not null
            ? persons.Select(p => new { PersonId = p.Id, ContactId = (int?)null })
            : contacts!.Select(x => new { PersonId = x.Person.Id, ContactId = (int?)x.Contact.Id });
        var count = await InsertSelectAsync(db, members, "SavedSelectionMembers (SelectionId, PersonId, ContactId)",
            "SELECT @selectionId, s.PersonId, s.ContactId FROM ({0}) AS s", ct, ("@selectionId", s.Id));
        s.Froze(count, Now);
        await db.SaveChangesAsync(ct);
    }

    private static string Cut(string s, int max) => s.Length <= max ? s : s[..max];
}
