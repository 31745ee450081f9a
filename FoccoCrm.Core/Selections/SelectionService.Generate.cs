using System.Globalization;
using FoccoCrm.Core.Catalogs;
using FoccoCrm.Core.Common;
using FoccoCrm.Core.Data;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Live;
using FoccoCrm.Core.Occurrences;
using Microsoft.EntityFrameworkCore;

namespace FoccoCrm.Core.Selections;

public sealed partial class SelectionService
{
    /// <summary>Live kind published on <see cref="LiveTopics.Occurrences"/> after a run commits.</summary>
    public const string GeneratedKind = "occurrence.generated";

    /// <summary>Test hook: called at named points of a run inside its transaction ("inserted", "linked", "history").</summary>
    internal Func<string, Task>? FaultInjector { get; set; }

    /// <summary>
    /// "Gerar ocorrências para todos" (managers and administrators): recounts the selection now and creates one open
    /// occurrence per selected person in the current company, set-based (INSERT … SELECT) in ONE transaction: numbers continue
    /// the company's sequence without gaps, each gets its "Created" history row, and the run is recorded with its parameters
    /// and count. <paramref name="runId"/> makes it idempotent: a completed run returns as it is; a failed or interrupted one
    /// can be run again with the same id and never creates a second occurrence for a person (key (RunId, PersonId)).
    /// <paramref name="expectedCount"/> is what the user confirmed (kept to show any difference from the recount).
    /// </summary>
    public async Task<SelectionRunRow> GenerateOccurrencesAsync(CurrentUser user, Guid runId, SelectionDefinition definition, GenerateOccurrencesInput input,
        int expectedCount, int? selectionId = null, IProgress<SelectionRunProgress>? progress = null, CancellationToken ct = default)
    {
        if (!user.IsOccurrenceSupervisor()) throw new ForbiddenException(SelectionMessages.SelectionGenerateForbidden);
        if (runId == Guid.Empty) throw new ArgumentException("A run id is required.", nameof(runId));
        await generateValidator.EnsureValidAsync(input, ct);
        var companyId = user.RequireCurrentCompany();

        await using (var check = await dbFactory.CreateDbContextAsync(ct))
        {
            var existing = await check.SelectionRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId, ct);
            if (existing is not null)
            {
                if (existing.CompanyId != companyId) throw new NotFoundException(SelectionMessages.SelectionRunNotFound);
                if (existing.Status == SelectionRunStatus.Completed) return ToRow(existing);
                if (existing.TypeId != input.TypeId || existing.ReasonId != input.ReasonId || existing.Description != input.Description.Trim())
                    throw new BusinessRuleException(SelectionMessages.SelectionRunOtherParameters);
            }
            await check.Set<OccurrenceType>().AnyAsync(ct); // warm the model before the write lock
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var responsibleId = await CheckTargetsAsync(db, user, companyId, input, ct);
        string selectionName = "";
        if (selectionId is { } sid)
            selectionName = (await LoadVisibleAsync(db, user, sid, tracking: false, ct)).Name;
        var (persons, contacts) = await QueryAsync(db, user, definition, ct); // compiles: bad rules fail before anything is written

        var run = await db.SelectionRuns.FirstOrDefaultAsync(r => r.Id == runId, ct);
        if (run is null)
        {
            run = SelectionRun.Create(runId, companyId, selectionId, selectionName, definition, input, responsibleId, expectedCount, user, Now);
            db.SelectionRuns.Add(run);
        }
        run.Start(Now);
        await db.SaveChangesAsync(ct); // the status row the UI polls
        progress?.Report(new SelectionRunProgress(runId, SelectionRunStatus.Running, "counting", 0, expectedCount));

        int created;
        try
        {
            created = await ExecuteRunAsync(db, user, run, persons, contacts, progress, ct);
        }
        catch (Exception ex)
        {
            db.ChangeTracker.Clear();
            await using var log = await dbFactory.CreateDbContextAsync(CancellationToken.None);
            var failed = await log.SelectionRuns.FirstAsync(r => r.Id == runId, CancellationToken.None);
            failed.Fail(ex is BusinessRuleException or ForbiddenException ? ex.Message : ex.GetType().Name + ": " + ex.Message, Now);
            await log.SaveChangesAsync(CancellationToken.None);
            progress?.Report(new SelectionRunProgress(runId, SelectionRunStatus.Failed, "failed", 0, expectedCount));
            throw;
        }
        progress?.Report(new SelectionRunProgress(runId, SelectionRunStatus.Completed, "done", created, created));
        if (created > 0)
            await feed.PublishAsync(new LiveChange(LiveTopics.Occurrences(companyId), GeneratedKind, 0, user.Id, user.FullName, Now,
                new Dictionary<string, string> { ["run"] = runId.ToString(), ["count"] = created.ToString(CultureInfo.InvariantCulture) }), ct);
        return await GetRunAsync(user, runId, ct);
    }

    /// <summary>
    /// Everything <see cref="GenerateOccurrencesAsync"/> checks before writing (permission, input, type/reason, responsible,
    /// the rules compile) without writing anything: a caller that starts a run in the background reports bad input at once.
    /// </summary>
    public async Task CheckGenerationAsync(CurrentUser user, SelectionDefinition definition, GenerateOccurrencesInput input, CancellationToken ct = default)
    {
        if (!user.IsOccurrenceSupervisor()) throw new ForbiddenException(SelectionMessages.SelectionGenerateForbidden);
        await generateValidator.EnsureValidAsync(input, ct);
        var companyId = user.RequireCurrentCompany();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await CheckTargetsAsync(db, user, companyId, input, ct);
        await QueryAsync(db, user, definition, ct);
    }

    /// <summary>The type and reason are selectable and the responsible (default: the user) is active in the company; returns the responsible.</summary>
    private async Task<string> CheckTargetsAsync(FoccoDbContext db, CurrentUser user, int companyId, GenerateOccurrencesInput input, CancellationToken ct)
    {
        await types.EnsureSelectableAsync(db, input.TypeId!.Value, null, ct);
        await reasons.EnsureSelectableAsync(db, input.ReasonId!.Value, input.TypeId, ct);
        var responsibleId = string.IsNullOrEmpty(input.ResponsibleUserId) ? user.Id : input.ResponsibleUserId;
        if (!await db.Users.AnyAsync(u => u.Id == responsibleId && u.IsActive && u.Companies.Any(c => c.CompanyId == companyId), ct))
            throw new BusinessRuleException(SelectionMessages.SelectionRunResponsibleInvalid);
        return responsibleId;
    }

    private async Task<int> ExecuteRunAsync(FoccoDbContext db, CurrentUser user, SelectionRun run, IQueryable<Persons.Person>? persons,
        IQueryable<PersonContact>? contacts, IProgress<SelectionRunProgress>? progress, CancellationToken ct)
    {
        var companyId = run.CompanyId;
        await using var tx = await db.Database.BeginTransactionAsync(ct); // BEGIN IMMEDIATE: MAX(Number) is read under the write lock
        var maxNumber = await db.Occurrences.Where(o => o.CompanyId == companyId).MaxAsync(o => (int?)o.Number, ct) ?? 0;
        var maxId = await db.Occurrences.MaxAsync(o => (int?)o.Id, ct) ?? 0;
        var selected = persons is not null
            ? persons.Select(p => new { PersonId = p.Id, ContactId = (int?)null })
            : contacts!.Select(x => new { PersonId = x.Person.Id, ContactId = (int?)x.Contact.Id });
        var now = Now;
        // A run writes everything in this one transaction, so it has either all its links or none; the per-person check only
        // runs when some exist (never, unless the links were written outside this method), the key (RunId, PersonId) stands behind both.
        var linked = await db.SelectionRunOccurrences.AnyAsync(x => x.RunId == run.Id, ct);
        progress?.Report(new SelectionRunProgress(run.Id, SelectionRunStatus.Running, "inserting", 0, run.ExpectedCount));
        var created = await InsertSelectAsync(db, selected,
            "Occurrences (CompanyId, Number, OccurredAtUtc, PersonId, ContactId, TypeId, ReasonId, Description, ResponsibleUserId, Status, CreatedById, CreatedByName, CreatedAtUtc, UpdatedAtUtc, Version)",
            """
            SELECT @companyId, @maxNumber + ROW_NUMBER() OVER (ORDER BY g.PersonId), @occurredAt, g.PersonId, g.ContactId, @typeId, @reasonId, @description,
                   @responsibleId, 0, @userId, @userName, @now, @now,
                   hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(6))
            FROM {1} AS g
            {2}
            """.Replace("{2}", linked ? "WHERE NOT EXISTS (SELECT 1 FROM SelectionRunOccurrences x WHERE x.RunId = @runId AND x.PersonId = g.PersonId)" : "",
                StringComparison.Ordinal).Replace("{1}", persons is not null
                ? "({0})" // one row per person already
                : "(SELECT s.PersonId, MIN(s.ContactId) AS ContactId FROM ({0}) AS s GROUP BY s.PersonId)", StringComparison.Ordinal), ct,
            ("@companyId", companyId), ("@maxNumber", maxNumber), ("@occurredAt", run.OccurredAtUtc), ("@typeId", run.TypeId), ("@reasonId", run.ReasonId),
            ("@description", run.Description), ("@responsibleId", run.ResponsibleUserId), ("@userId", user.Id), ("@userName", user.FullName), ("@now", now),
            ("@runId", run.Id.ToString().ToUpperInvariant()));
        if (FaultInjector is { } f1) await f1("inserted");
        progress?.Report(new SelectionRunProgress(run.Id, SelectionRunStatus.Running, "linking", created, created));
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO SelectionRunOccurrences (RunId, PersonId, OccurrenceId)
            SELECT {run.Id}, PersonId, Id FROM Occurrences WHERE Id > {maxId} AND CompanyId = {companyId}
            """, ct);
        if (FaultInjector is { } f2) await f2("linked");
        progress?.Report(new SelectionRunProgress(run.Id, SelectionRunStatus.Running, "history", created, created));
        var createdField = OccurrenceFields.Created;
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO OccurrenceHistory (OccurrenceId, AtUtc, UserId, UserName, Field, FromValue, ToValue)
            SELECT Id, {now}, {user.Id}, {user.FullName}, {createdField}, NULL, CAST(Number AS TEXT) FROM Occurrences WHERE Id > {maxId} AND CompanyId = {companyId}
            """, ct);
        if (FaultInjector is { } f3) await f3("history");
        progress?.Report(new SelectionRunProgress(run.Id, SelectionRunStatus.Running, "committing", created, created));
        run.Complete(created, created > 0 ? maxNumber + 1 : null, created > 0 ? maxNumber + created : null, Now);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return created;
    }

    /// <summary>
    /// Runs left Running by a process that stopped before <paramref name="startedBeforeUtc"/> (restart, crash). Their one
    /// transaction never committed, so they wrote nothing; <see cref="ResumeRunAsync"/> runs them again.
    /// </summary>
    public async Task<IReadOnlyList<InterruptedSelectionRun>> ListInterruptedRunsAsync(DateTime startedBeforeUtc, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.SelectionRuns.AsNoTracking()
            .Where(r => (r.Status == SelectionRunStatus.Running || r.Status == SelectionRunStatus.Pending) && r.CreatedAtUtc < startedBeforeUtc)
            .OrderBy(r => r.CreatedAtUtc)
            .Select(r => new InterruptedSelectionRun(r.Id, r.CompanyId, r.CreatedById, r.ExpectedCount))
            .ToListAsync(ct);
    }

    /// <summary>
    /// Runs a run again with the rules and parameters it recorded, as <paramref name="user"/> (normally who started it) in the
    /// run's company: recounted now, and the run id keeps any person from getting a second occurrence. A completed run returns as it is.
    /// </summary>
    public async Task<SelectionRunRow> ResumeRunAsync(CurrentUser user, Guid runId, IProgress<SelectionRunProgress>? progress = null, CancellationToken ct = default)
    {
        SelectionRun run;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            run = await db.SelectionRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId, ct)
                  ?? throw new NotFoundException(SelectionMessages.SelectionRunNotFound);
        if (run.Status == SelectionRunStatus.Completed) return ToRow(run);
        var input = new GenerateOccurrencesInput
        {
            TypeId = run.TypeId, ReasonId = run.ReasonId, Description = run.Description, ResponsibleUserId = run.ResponsibleUserId, OccurredAtUtc = run.OccurredAtUtc,
        };
        try
        {
            // the saved selection is not looked up again: the run keeps its name and the rules as they were
            return await GenerateOccurrencesAsync(user with { CurrentCompanyId = run.CompanyId }, runId, SelectionDefinition.FromJson(run.DefinitionJson), input,
                run.ExpectedCount, selectionId: null, progress, ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            // e.g. the starter lost access, a type was deactivated, a selection it uses was deleted: say so on the run
            await AbandonRunAsync(runId, ex is BusinessRuleException or ForbiddenException or NotFoundException ? ex.Message : ex.GetType().Name + ": " + ex.Message,
                CancellationToken.None);
            throw;
        }
    }

    /// <summary>Marks a run that cannot be resumed Failed with the reason (a Completed run is left as it is).</summary>
    public async Task AbandonRunAsync(Guid runId, string reason, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var run = await db.SelectionRuns.FirstOrDefaultAsync(r => r.Id == runId, ct);
        if (run is null || run.Status == SelectionRunStatus.Completed) return;
        run.Fail(SelectionMessages.SelectionRunInterrupted(reason), Now);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A run of the current company (its status row: the UI polls it for progress).</summary>
    public async Task<SelectionRunRow> GetRunAsync(CurrentUser user, Guid runId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ids = user.CompanyIds;
        var run = await db.SelectionRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId && ids.Contains(r.CompanyId), ct)
            ?? throw new NotFoundException(SelectionMessages.SelectionRunNotFound);
        return ToRow(run);
    }

    /// <summary>The runs of the current company, newest first (optionally of one saved selection).</summary>
    public async Task<IReadOnlyList<SelectionRunRow>> ListRunsAsync(CurrentUser user, int? selectionId = null, int take = 100, CancellationToken ct = default)
    {
        var companyId = user.RequireCurrentCompany();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.SelectionRuns.AsNoTracking().Where(r => r.CompanyId == companyId);
        if (selectionId is { } sid) q = q.Where(r => r.SelectionId == sid);
        var rows = await q.OrderByDescending(r => r.CreatedAtUtc).Take(Math.Clamp(take, 1, 1000)).ToListAsync(ct);
        return rows.Select(ToRow).ToList();
    }

    /// <summary>The ids of the occurrences a run created (open them with FERM0401 / OccurrenceService), in number order.</summary>
    public async Task<IReadOnlyList<int>> ListRunOccurrenceIdsAsync(CurrentUser user, Guid runId, CancellationToken ct = default)
    {
        _ = await GetRunAsync(user, runId, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await (from x in db.SelectionRunOccurrences.AsNoTracking()
                      join o in db.Occurrences on x.OccurrenceId equals o.Id
                      where x.RunId == runId
                      orderby o.Number
                      select o.Id).ToListAsync(ct);
    }

    private static SelectionRunRow ToRow(SelectionRun r) => new(r.Id, r.CompanyId, r.SelectionId, r.SelectionName, r.TypeId, r.ReasonId, r.Description,
        r.ResponsibleUserId, r.OccurredAtUtc, r.Status, r.ExpectedCount, r.CreatedCount, r.FirstNumber, r.LastNumber, r.Error, r.CreatedByName, r.CreatedAtUtc,
        r.StartedAtUtc, r.FinishedAtUtc);
}
