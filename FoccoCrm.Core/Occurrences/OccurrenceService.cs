using System.Globalization;
using FluentValidation;
using FluentValidation.Results;
using FoccoCrm.Core.Catalogs;
using FoccoCrm.Core.Checklists;
using FoccoCrm.Core.Common;
using FoccoCrm.Core.Data;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Live;
using FoccoCrm.Core.Notifications;
using FoccoCrm.Core.Parameters;
using FoccoCrm.Core.Persons;
using Microsoft.EntityFrameworkCore;

namespace FoccoCrm.Core.Occurrences;

/// <summary>
/// Occurrences (FERM0200) and their query (FERM0401). One call per user action; every change writes its history rows in the
/// same SaveChanges and, after the commit, is published on <see cref="LiveTopics.Occurrences"/>. Forwarding also stages a
/// notification for the new responsible (same transaction) and publishes it to their bell.
/// </summary>
public sealed class OccurrenceService(
    IDbContextFactory<FoccoDbContext> dbFactory,
    IValidator<OccurrenceInput> validator,
    IValidator<OccurrenceCloseInput> closeValidator,
    IValidator<OccurrenceForwardInput> forwardValidator,
    CatalogService<OccurrenceType> types,
    CatalogService<OccurrenceReason> reasons,
    ParameterService parameters,
    NotificationService notifications,
    IChangeFeed feed,
    AttachmentStore store,
    TimeProvider clock)
{
    public const int MaxRows = 10_000;
    public const string NotificationKind = "occurrence.forwarded";

    // ---------------------------------------------------------------- reads

    /// <summary>One page of the occurrences the user may see that match the criteria, filtered, sorted and counted in SQL.</summary>
    public async Task<PagedResult<OccurrenceRow>> QueryAsync(CurrentUser user, OccurrenceQuery query, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = await FilterAsync(db, user, query, ct);
        var total = await q.CountAsync(ct);
        var take = Math.Clamp(query.Take, 1, MaxRows);
        var skip = Math.Max(0, query.Skip);
        if (skip >= total) return new PagedResult<OccurrenceRow>([], total);
        var joined = from o in q
                     join p in db.Persons on o.PersonId equals p.Id
                     join c in db.Companies on o.CompanyId equals c.Id
                     join t in db.OccurrenceTypes on o.TypeId equals t.Id
                     join r in db.OccurrenceReasons on o.ReasonId equals r.Id
                     join u in db.Users on o.ResponsibleUserId equals u.Id
                     select new { o, p, c, t, r, u };
        var d = query.Descending;
        var ordered = query.Sort switch
        {
            OccurrenceSort.Number => d ? joined.OrderByDescending(x => x.o.Number).ThenByDescending(x => x.o.CompanyId) : joined.OrderBy(x => x.o.Number).ThenBy(x => x.o.CompanyId),
            OccurrenceSort.Person => d ? joined.OrderByDescending(x => x.p.Name).ThenByDescending(x => x.o.Id) : joined.OrderBy(x => x.p.Name).ThenBy(x => x.o.Id),
            OccurrenceSort.Type => d ? joined.OrderByDescending(x => x.t.Code).ThenByDescending(x => x.r.Code).ThenByDescending(x => x.o.Id) : joined.OrderBy(x => x.t.Code).ThenBy(x => x.r.Code).ThenBy(x => x.o.Id),
            OccurrenceSort.Status => d ? joined.OrderByDescending(x => x.o.Status).ThenByDescending(x => x.o.OccurredAtUtc) : joined.OrderBy(x => x.o.Status).ThenByDescending(x => x.o.OccurredAtUtc),
            OccurrenceSort.Responsible => d ? joined.OrderByDescending(x => x.u.FullName).ThenByDescending(x => x.o.Id) : joined.OrderBy(x => x.u.FullName).ThenBy(x => x.o.Id),
            _ => d ? joined.OrderByDescending(x => x.o.OccurredAtUtc).ThenByDescending(x => x.o.Id) : joined.OrderBy(x => x.o.OccurredAtUtc).ThenBy(x => x.o.Id),
        };
        var items = await ordered.Skip(skip).Take(take)
            .Select(x => new OccurrenceRow(x.o.Id, x.o.CompanyId, x.c.Code, x.o.Number, x.o.OccurredAtUtc, x.p.Id, x.p.Name, x.p.Roles, x.p.Type, x.p.Document,
                x.t.Id, x.t.Code, x.t.Description, x.r.Id, x.r.Code, x.r.Description, x.o.Description, x.o.ResponsibleUserId, x.u.FullName, x.o.Status, x.o.ClosedAtUtc))
            .ToListAsync(ct);
        return new PagedResult<OccurrenceRow>(items, total);
    }

    /// <summary>One occurrence with its checklist, attachments and history, and what the user may do with it.</summary>
    public async Task<OccurrenceDetail> GetAsync(CurrentUser user, int id, CancellationToken ct = default)
    {
        var page = await QueryAsync(user, new OccurrenceQuery { Ids = [id], Take = 1 }, ct);
        var row = page.Items.FirstOrDefault() ?? throw new NotFoundException(OccurrenceMessages.OccurrenceNotFound);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var o = await db.Occurrences.AsNoTracking().Where(x => x.Id == id)
            .Select(x => new { x.ContactId, x.ClosingNotes, x.CreatedById, x.CreatedByName, x.CreatedAtUtc, x.Version }).FirstAsync(ct);
        var contactName = o.ContactId is null ? null : await db.Contacts.Where(c => c.Id == o.ContactId).Select(c => c.Name).FirstOrDefaultAsync(ct);
        var attachments = await db.OccurrenceAttachments.AsNoTracking().Where(a => a.OccurrenceId == id).OrderBy(a => a.Id)
            .Select(a => new OccurrenceAttachmentRow(a.Id, a.FileName, a.ContentType, a.Size, a.Sha256, a.UploadedAtUtc, a.UploadedByName)).ToListAsync(ct);
        var history = await db.OccurrenceHistory.AsNoTracking().Where(h => h.OccurrenceId == id).OrderByDescending(h => h.AtUtc).ThenByDescending(h => h.Id)
            .Select(h => new OccurrenceHistoryRow(h.Id, h.AtUtc, h.UserName, h.Field, h.FromValue, h.ToValue)).ToListAsync(ct);
        var checklist = await ChecklistOfAsync(db, user, row.CompanyId, row.TypeId, id, ct);
        var open = row.Status == OccurrenceStatus.Open;
        return new OccurrenceDetail(row, o.ContactId, contactName, o.ClosingNotes, o.CreatedByName, o.CreatedAtUtc, o.Version, checklist, attachments, history,
            open && user.CanEditOccurrence(row.ResponsibleUserId, o.CreatedById), user.CanCloseOrForwardOccurrence(row.ResponsibleUserId),
            open && user.CanCloseOrForwardOccurrence(row.ResponsibleUserId));
    }

    /// <summary>The checklist a new occurrence of this type fills in the company (latest version), or null when the type has none there.</summary>
    public async Task<OccurrenceChecklist?> GetChecklistForTypeAsync(CurrentUser user, int companyId, int typeId, CancellationToken ct = default)
    {
        user.EnsureAccess(companyId);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await ChecklistOfAsync(db, user, companyId, typeId, null, ct);
    }

    /// <summary>Active users with access to the company (responsible and forward pickers).</summary>
    public async Task<IReadOnlyList<OccurrenceUserOption>> ListUsersAsync(CurrentUser user, int companyId, CancellationToken ct = default)
    {
        user.EnsureAccess(companyId);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Users.AsNoTracking().Where(u => u.IsActive && u.Companies.Any(c => c.CompanyId == companyId)).OrderBy(u => u.FullName)
            .Select(u => new OccurrenceUserOption(u.Id, u.FullName, u.Email ?? "")).ToListAsync(ct);
    }

    /// <summary>Checklists a FERM0100 occurrence type may link: active, published, of usage Occurrence.</summary>
    public async Task<IReadOnlyList<OccurrenceChecklistOption>> ListChecklistOptionsAsync(CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await OccurrenceChecklists(db).OrderBy(c => c.Code).Select(c => new OccurrenceChecklistOption(c.Id, c.Code, c.Description)).ToListAsync(ct);
    }

    /// <summary>Active, published checklists of usage Occurrence (what an occurrence type may link).</summary>
    public static IQueryable<Checklist> OccurrenceChecklists(FoccoDbContext db) =>
        from c in db.Checklists.AsNoTracking()
        join t in db.ChecklistTypes on c.TypeId equals t.Id
        where c.IsActive && t.Usage == ChecklistUsage.Occurrence && db.ChecklistVersions.Any(v => v.ChecklistId == c.Id)
        select c;

    // ---------------------------------------------------------------- writes

    /// <summary>Registers an occurrence in the given (or current) company; returns its id. The number is the company's next.</summary>
    public async Task<int> CreateAsync(CurrentUser user, OccurrenceInput input, CancellationToken ct = default)
    {
        await validator.EnsureValidAsync(input, ct);
        var companyId = input.CompanyId ?? user.RequireCurrentCompany();
        user.EnsureAccess(companyId);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await EnsurePersonAsync(db, user, companyId, input.PersonId, ct);
        await EnsureContactAsync(db, input, ct);
        await types.EnsureSelectableAsync(db, input.TypeId!.Value, null, ct);
        await reasons.EnsureSelectableAsync(db, input.ReasonId!.Value, input.TypeId, ct);
        var responsibleId = string.IsNullOrEmpty(input.ResponsibleUserId) ? user.Id : input.ResponsibleUserId;
        await EnsureCompanyUserAsync(db, companyId, responsibleId, input.PersonId, OccurrenceMessages.OccurrenceResponsibleInvalid, ct);
        var plan = await PlanChecklistAsync(db, user, companyId, input, null, ct);
        var now = Now;

        for (var attempt = 0; ; attempt++)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct); // BEGIN IMMEDIATE: MAX+1 is read under the write lock
            var number = (await db.Occurrences.Where(o => o.CompanyId == companyId).MaxAsync(o => (int?)o.Number, ct) ?? 0) + 1;
            var occurrence = Occurrence.Create(companyId, number, input, responsibleId, user, now);
            occurrence.History.Add(new OccurrenceHistory(now, user.Id, user.FullName, OccurrenceFields.Created, null, number.ToString(CultureInfo.InvariantCulture)));
            db.Occurrences.Add(occurrence);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                // another server took the number between our read and write (unique index): once more with a fresh MAX
                await tx.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                continue;
            }
            if (plan is { Answers.Count: > 0 })
            {
                var response = ChecklistResponse.ForOccurrence(plan.ChecklistId, occurrence.Id, companyId, now);
                response.Fill(plan.VersionId, plan.Definition, plan.Answers, now, user.Id, user.FullName);
                db.ChecklistResponses.Add(response);
                occurrence.History.Add(new OccurrenceHistory(now, user.Id, user.FullName, OccurrenceFields.Checklist, null, plan.Summary));
                await db.SaveChangesAsync(ct);
            }
            await tx.CommitAsync(ct);
            await PublishAsync(user, occurrence, "occurrence.created", ct);
            return occurrence.Id;
        }
    }

    /// <summary>Saves an edit of an open occurrence if nobody changed it since <paramref name="expectedVersion"/>; each changed field goes to the history.
    /// The responsible is not changed here (that is a forward).</summary>
    public async Task UpdateAsync(CurrentUser user, int id, OccurrenceInput input, Guid expectedVersion, CancellationToken ct = default)
    {
        await validator.EnsureValidAsync(input, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var o = await LoadForWriteAsync(db, user, id, ct);
        if (!user.CanEditOccurrence(o.ResponsibleUserId, o.CreatedById)) throw new ForbiddenException(OccurrenceMessages.OccurrenceEditForbidden);
        o.EnsureOpen();
        db.ExpectVersion(o, expectedVersion);
        if (input.PersonId != o.PersonId) await EnsurePersonAsync(db, user, o.CompanyId, input.PersonId, ct);
        await EnsureContactAsync(db, input, ct);
        if (input.TypeId != o.TypeId) await types.EnsureSelectableAsync(db, input.TypeId!.Value, null, ct);
        if (input.ReasonId != o.ReasonId || input.TypeId != o.TypeId) await reasons.EnsureSelectableAsync(db, input.ReasonId!.Value, input.TypeId, ct);
        var existing = await db.ChecklistResponses.Include(r => r.Answers).FirstOrDefaultAsync(r => r.OccurrenceId == id, ct);
        var plan = await PlanChecklistAsync(db, user, o.CompanyId, input, existing, ct);

        var now = Now;
        var changes = new List<(string Field, string? From, string? To)>();
        if (o.OccurredAtUtc != DateTime.SpecifyKind(input.OccurredAtUtc, DateTimeKind.Utc))
            changes.Add((OccurrenceFields.OccurredAt, Stamp(o.OccurredAtUtc), Stamp(input.OccurredAtUtc)));
        if (o.PersonId != input.PersonId) changes.Add((OccurrenceFields.Person, await PersonNameAsync(db, o.PersonId, ct), await PersonNameAsync(db, input.PersonId, ct)));
        if (o.ContactId != input.ContactId) changes.Add((OccurrenceFields.Contact, await ContactNameAsync(db, o.ContactId, ct), await ContactNameAsync(db, input.ContactId, ct)));
        if (o.TypeId != input.TypeId) changes.Add((OccurrenceFields.Type, await TypeTextAsync(db, o.TypeId, ct), await TypeTextAsync(db, input.TypeId!.Value, ct)));
        if (o.ReasonId != input.ReasonId) changes.Add((OccurrenceFields.Reason, await ReasonTextAsync(db, o.ReasonId, ct), await ReasonTextAsync(db, input.ReasonId!.Value, ct)));
        if (o.Description != input.Description.Trim()) changes.Add((OccurrenceFields.Description, o.Description, input.Description.Trim()));

        var before = existing is null ? null : await SummaryAsync(db, existing, ct);
        if (plan is null && existing is not null)
        {
            db.ChecklistResponses.Remove(existing); // the new type has no checklist here
            changes.Add((OccurrenceFields.Checklist, before, null));
        }
        else if (plan is not null)
        {
            var same = existing is not null && existing.ChecklistId == plan.ChecklistId && existing.ChecklistVersionId == plan.VersionId
                       && Same(existing.ToAnswers(), plan.Answers);
            if (!same && (existing is not null || plan.Answers.Count > 0))
            {
                if (existing is not null && existing.ChecklistId != plan.ChecklistId) { db.ChecklistResponses.Remove(existing); existing = null; }
                if (existing is null)
                {
                    existing = ChecklistResponse.ForOccurrence(plan.ChecklistId, o.Id, o.CompanyId, now);
                    db.ChecklistResponses.Add(existing);
                }
                existing.Fill(plan.VersionId, plan.Definition, plan.Answers, now, user.Id, user.FullName);
                if (db.Entry(existing).State != EntityState.Added) db.Entry(existing).Property(r => r.Version).IsModified = true;
                changes.Add((OccurrenceFields.Checklist, before, plan.Summary));
            }
        }
        if (changes.Count == 0) return;
        o.Apply(input);
        o.Touch(now);
        foreach (var (field, from, to) in changes) o.History.Add(new OccurrenceHistory(now, user.Id, user.FullName, field, from, to));
        await db.SaveOrConflictAsync(async () => await GetAsync(user, id, ct), ct);
        await PublishAsync(user, o, "occurrence.updated", ct);
    }

    /// <summary>Closes an open occurrence with closing notes (responsible, managers, administrators).</summary>
    public async Task CloseAsync(CurrentUser user, int id, OccurrenceCloseInput input, Guid? expectedVersion = null, CancellationToken ct = default)
    {
        await closeValidator.EnsureValidAsync(input, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var o = await LoadForWriteAsync(db, user, id, ct);
        EnsureCanCloseOrForward(user, o);
        if (expectedVersion is { } v) db.ExpectVersion(o, v);
        var now = Now;
        o.Close(input.Notes, now);
        o.Touch(now);
        o.History.Add(new OccurrenceHistory(now, user.Id, user.FullName, OccurrenceFields.Status, nameof(OccurrenceStatus.Open), nameof(OccurrenceStatus.Closed)));
        o.History.Add(new OccurrenceHistory(now, user.Id, user.FullName, OccurrenceFields.ClosingNotes, null, o.ClosingNotes));
        await db.SaveOrConflictAsync(async () => await GetAsync(user, id, ct), ct);
        await PublishAsync(user, o, "occurrence.closed", ct);
    }

    /// <summary>Opens a closed occurrence again (responsible, managers, administrators).</summary>
    public async Task ReopenAsync(CurrentUser user, int id, Guid? expectedVersion = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var o = await LoadForWriteAsync(db, user, id, ct);
        EnsureCanCloseOrForward(user, o);
        if (expectedVersion is { } v) db.ExpectVersion(o, v);
        var now = Now;
        o.Reopen();
        o.Touch(now);
        o.History.Add(new OccurrenceHistory(now, user.Id, user.FullName, OccurrenceFields.Status, nameof(OccurrenceStatus.Closed), nameof(OccurrenceStatus.Open)));
        await db.SaveOrConflictAsync(async () => await GetAsync(user, id, ct), ct);
        await PublishAsync(user, o, "occurrence.reopened", ct);
    }

    /// <summary>
    /// Forwards an open occurrence to another active user of its company with a message: they become the responsible, the forward is
    /// in the history, and they get a notification (written in the same transaction, in their language) that reaches their bell live.
    /// </summary>
    public async Task ForwardAsync(CurrentUser user, int id, OccurrenceForwardInput input, Guid? expectedVersion = null, CancellationToken ct = default)
    {
        await forwardValidator.EnsureValidAsync(input, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var o = await LoadForWriteAsync(db, user, id, ct);
        EnsureCanCloseOrForward(user, o);
        o.EnsureOpen();
        if (expectedVersion is { } v) db.ExpectVersion(o, v);
        if (input.UserId == o.ResponsibleUserId) throw new BusinessRuleException(OccurrenceMessages.OccurrenceForwardSameUser);
        var target = await EnsureCompanyUserAsync(db, o.CompanyId, input.UserId, o.PersonId, OccurrenceMessages.OccurrenceForwardTargetInvalid, ct);
        var fromName = await db.Users.Where(u => u.Id == o.ResponsibleUserId).Select(u => u.FullName).FirstOrDefaultAsync(ct);
        var now = Now;
        var message = string.IsNullOrWhiteSpace(input.Message) ? null : input.Message.Trim();
        o.SetResponsible(target.Id);
        o.Touch(now);
        o.History.Add(new OccurrenceHistory(now, user.Id, user.FullName, OccurrenceFields.Forwarded, fromName,
            message is null ? target.FullName : $"{target.FullName}: {message}"));
        var notification = notifications.Stage(db, new NotificationDraft(target.Id, o.CompanyId, NotificationKind,
            Messages.In(target.Culture, () => Messages.Format(nameof(OccurrenceMessages.OccurrenceForwardedTitle), user.FullName, o.Number)),
            message, $"/occurrences/{o.Id}", user.Id, user.FullName));
        await db.SaveOrConflictAsync(async () => await GetAsync(user, id, ct), ct);
        await notifications.PublishAsync([notification], ct);
        await PublishAsync(user, o, "occurrence.forwarded", ct);
    }

    /// <summary>Stores a file for an open occurrence (allowed types, at most <see cref="AttachmentStore.MaxBytes"/>); returns the attachment.</summary>
    public async Task<OccurrenceAttachmentRow> AddAttachmentAsync(CurrentUser user, int id, string fileName, Stream content, CancellationToken ct = default)
    {
        var name = AttachmentStore.SafeName(fileName);
        var contentType = AttachmentStore.ContentTypeFor(name);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var o = await LoadForWriteAsync(db, user, id, ct);
        if (!user.CanEditOccurrence(o.ResponsibleUserId, o.CreatedById)) throw new ForbiddenException(OccurrenceMessages.OccurrenceEditForbidden);
        o.EnsureOpen();
        var (path, size, sha) = await store.SaveAsync(o.CompanyId, content, ct);
        try
        {
            var now = Now;
            var attachment = new OccurrenceAttachment(o.Id, o.CompanyId, name, contentType, size, sha, path, now, user);
            o.Attachments.Add(attachment);
            o.Touch(now);
            o.History.Add(new OccurrenceHistory(now, user.Id, user.FullName, OccurrenceFields.Attachment, null, name));
            await db.SaveChangesAsync(ct);
            await PublishAsync(user, o, "occurrence.updated", ct);
            return new OccurrenceAttachmentRow(attachment.Id, name, contentType, size, sha, now, user.FullName);
        }
        catch
        {
            store.Delete(path);
            throw;
        }
    }

    /// <summary>An attachment's file, for a user who may see its occurrence (others get "not found").</summary>
    public async Task<(OccurrenceAttachmentRow Attachment, Stream Content)> OpenAttachmentAsync(CurrentUser user, int attachmentId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var visible = await VisibleAsync(db, user, ct);
        var a = await db.OccurrenceAttachments.AsNoTracking().Where(x => x.Id == attachmentId && visible.Any(o => o.Id == x.OccurrenceId))
            .FirstOrDefaultAsync(ct) ?? throw new NotFoundException(OccurrenceMessages.AttachmentNotFound);
        Stream content;
        try { content = store.Open(a.StoragePath); }
        catch (FileNotFoundException) { throw new NotFoundException(OccurrenceMessages.AttachmentNotFound); }
        catch (DirectoryNotFoundException) { throw new NotFoundException(OccurrenceMessages.AttachmentNotFound); }
        return (new OccurrenceAttachmentRow(a.Id, a.FileName, a.ContentType, a.Size, a.Sha256, a.UploadedAtUtc, a.UploadedByName), content);
    }

    public async Task RemoveAttachmentAsync(CurrentUser user, int attachmentId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var occurrenceId = await db.OccurrenceAttachments.Where(a => a.Id == attachmentId).Select(a => (int?)a.OccurrenceId).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException(OccurrenceMessages.AttachmentNotFound);
        var o = await LoadForWriteAsync(db, user, occurrenceId, ct);
        if (!user.CanEditOccurrence(o.ResponsibleUserId, o.CreatedById)) throw new ForbiddenException(OccurrenceMessages.OccurrenceEditForbidden);
        o.EnsureOpen();
        var a = await db.OccurrenceAttachments.FirstAsync(x => x.Id == attachmentId, ct);
        var now = Now;
        db.OccurrenceAttachments.Remove(a);
        o.Touch(now);
        o.History.Add(new OccurrenceHistory(now, user.Id, user.FullName, OccurrenceFields.AttachmentRemoved, a.FileName, null));
        await db.SaveChangesAsync(ct);
        store.Delete(a.StoragePath);
        await PublishAsync(user, o, "occurrence.updated", ct);
    }

    // ---------------------------------------------------------------- saved queries (FERM0401)

    public async Task<IReadOnlyList<OccurrenceSavedQueryRow>> ListSavedQueriesAsync(CurrentUser user, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.OccurrenceSavedQueries.AsNoTracking().Where(s => s.UserId == user.Id).OrderBy(s => s.Name)
            .Select(s => new OccurrenceSavedQueryRow(s.Id, s.Name, s.QueryString)).ToListAsync(ct);
    }

    /// <summary>Saves the criteria (the page's query string) under a name; the same name replaces the user's earlier one.</summary>
    public async Task<int> SaveQueryAsync(CurrentUser user, string name, string queryString, CancellationToken ct = default)
    {
        name = name?.Trim() ?? "";
        if (name.Length is 0 or > OccurrenceInputValidator.SavedQueryNameMaxLength)
            throw new ValidationException([new ValidationFailure("Name", OccurrenceMessages.SavedQueryNameRequired)]);
        queryString = (queryString ?? "").TrimStart('?');
        if (queryString.Length > 2000) queryString = queryString[..2000];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var existing = await db.OccurrenceSavedQueries.FirstOrDefaultAsync(s => s.UserId == user.Id && s.Name == name, ct);
        if (existing is null) db.OccurrenceSavedQueries.Add(existing = new OccurrenceSavedQuery(user.Id, name, queryString, Now));
        else existing.Replace(queryString, Now);
        await db.SaveChangesAsync(ct);
        return existing.Id;
    }

    public async Task DeleteSavedQueryAsync(CurrentUser user, int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.OccurrenceSavedQueries.Where(s => s.Id == id && s.UserId == user.Id).ExecuteDeleteAsync(ct);
    }

    // ---------------------------------------------------------------- helpers

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static string Stamp(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>Occurrences the user may see: their companies; representatives only those of the persons they represent there.</summary>
    internal static async Task<IQueryable<Occurrence>> VisibleAsync(FoccoDbContext db, CurrentUser user, CancellationToken ct)
    {
        var ids = user.CompanyIds;
        var q = db.Occurrences.AsNoTracking().Where(o => ids.Contains(o.CompanyId));
        if (!user.IsRepresentativeOnly()) return q;
        var userId = user.Id;
        var repId = await db.Users.Where(u => u.Id == userId).Select(u => u.PersonId).FirstOrDefaultAsync(ct);
        if (repId is null) return q.Where(_ => false);
        return q.Where(o => o.PersonId == repId
            || db.CustomerRepresentatives.Any(cr => cr.CustomerId == o.PersonId && cr.RepresentativeId == repId && cr.CompanyId == o.CompanyId));
    }

    private async Task<IQueryable<Occurrence>> FilterAsync(FoccoDbContext db, CurrentUser user, OccurrenceQuery query, CancellationToken ct)
    {
        var q = await VisibleAsync(db, user, ct);
        if (query.Ids is { Count: > 0 } only) q = q.Where(o => only.Contains(o.Id));
        if (query.SelectionRunId is { } runId)
        {
            // Id IN (the run's ids): SQLite reads the run's rows first and looks the occurrences up by key
            var ofRun = db.SelectionRunOccurrences.Where(x => x.RunId == runId).Select(x => x.OccurrenceId);
            q = q.Where(o => ofRun.Contains(o.Id));
        }
        if (query.CompanyId is { } companyId) q = q.Where(o => o.CompanyId == companyId);
        if (query.From is not null || query.To is not null)
        {
            // days are the company's days (its time zone), as the screens show them
            var zoneId = await db.Companies.Where(c => c.Id == (query.CompanyId ?? user.CurrentCompanyId)).Select(c => c.TimeZoneId).FirstOrDefaultAsync(ct);
            var zone = TryZone(zoneId);
            if (query.From is { } from)
            {
                var fromUtc = TimeZoneInfo.ConvertTimeToUtc(from.ToDateTime(TimeOnly.MinValue), zone);
                q = q.Where(o => o.OccurredAtUtc >= fromUtc);
            }
            if (query.To is { } to)
            {
                var toUtc = TimeZoneInfo.ConvertTimeToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue), zone);
                q = q.Where(o => o.OccurredAtUtc < toUtc);
            }
        }
        if (query.PersonId is { } personId) q = q.Where(o => o.PersonId == personId);
        if (query.PersonRole is { } role && role != PersonRoles.None)
        {
            var bits = (int)role;
            q = q.Where(o => db.Persons.Any(p => p.Id == o.PersonId && ((int)p.Roles & bits) != 0));
        }
        if (query.TypeId is { } typeId) q = q.Where(o => o.TypeId == typeId);
        if (query.ReasonId is { } reasonId) q = q.Where(o => o.ReasonId == reasonId);
        if (query.Status is { } status) q = q.Where(o => o.Status == status);
        if (!string.IsNullOrEmpty(query.ResponsibleUserId)) q = q.Where(o => o.ResponsibleUserId == query.ResponsibleUserId);
        var text = query.Text?.Trim();
        if (!string.IsNullOrEmpty(text))
        {
            var like = "%" + text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            var number = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;
            q = q.Where(o => o.Number == number || EF.Functions.Like(o.Description, like, "\\") || EF.Functions.Like(o.ClosingNotes!, like, "\\")
                || db.Persons.Any(p => p.Id == o.PersonId && EF.Functions.Like(p.Name, like, "\\")));
        }
        return q;
    }

    private static TimeZoneInfo TryZone(string? id)
    {
        try { return id is null ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(id); }
        catch (TimeZoneNotFoundException) { return TimeZoneInfo.Utc; }
    }

    private static async Task<Occurrence> LoadForWriteAsync(FoccoDbContext db, CurrentUser user, int id, CancellationToken ct)
    {
        var visible = await VisibleAsync(db, user, ct);
        if (!await visible.AnyAsync(o => o.Id == id, ct)) throw new NotFoundException(OccurrenceMessages.OccurrenceNotFound);
        return await db.Occurrences.FirstAsync(o => o.Id == id, ct);
    }

    private static void EnsureCanCloseOrForward(CurrentUser user, Occurrence o)
    {
        if (!user.CanCloseOrForwardOccurrence(o.ResponsibleUserId)) throw new ForbiddenException(OccurrenceMessages.OccurrenceCloseForbidden);
    }

    /// <summary>The person exists and the user may register for them (representatives: persons they represent in the company, or themselves).</summary>
    private static async Task EnsurePersonAsync(FoccoDbContext db, CurrentUser user, int companyId, int personId, CancellationToken ct)
    {
        if (!await db.Persons.AnyAsync(p => p.Id == personId, ct)) throw new NotFoundException(Messages.PersonNotFound);
        if (!user.IsRepresentativeOnly()) return;
        var userId = user.Id;
        var repId = await db.Users.Where(u => u.Id == userId).Select(u => u.PersonId).FirstOrDefaultAsync(ct);
        var represented = repId is not null && (personId == repId
            || await db.CustomerRepresentatives.AnyAsync(cr => cr.CustomerId == personId && cr.RepresentativeId == repId && cr.CompanyId == companyId, ct));
        if (!represented) throw new ForbiddenException(OccurrenceMessages.OccurrenceCreateForbidden);
    }

    private static async Task EnsureContactAsync(FoccoDbContext db, OccurrenceInput input, CancellationToken ct)
    {
        if (input.ContactId is not { } contactId) return;
        if (!await db.Contacts.AnyAsync(c => c.Id == contactId && c.PersonId == input.PersonId, ct))
            throw new ValidationException([new ValidationFailure(nameof(OccurrenceInput.ContactId), OccurrenceMessages.OccurrenceContactNotOfPerson)]);
    }

    private sealed record TargetUser(string Id, string FullName, string? Culture);

    /// <summary>An active user with access to the company; a representative-only user must also represent the person.</summary>
    private static async Task<TargetUser> EnsureCompanyUserAsync(FoccoDbContext db, int companyId, string userId, int personId, string error, CancellationToken ct)
    {
        var target = await db.Users.AsNoTracking().Where(u => u.Id == userId && u.IsActive && u.Companies.Any(c => c.CompanyId == companyId))
            .Select(u => new { u.Id, u.FullName, u.Culture, u.PersonId }).FirstOrDefaultAsync(ct);
        if (target is null) throw new BusinessRuleException(error);
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == userId select r.Name).ToListAsync(ct);
        var repOnly = !roles.Any(r => r is Roles.Administrator or Roles.Manager or Roles.Agent);
        if (repOnly)
        {
            var represents = target.PersonId is { } rep && (rep == personId
                || await db.CustomerRepresentatives.AnyAsync(cr => cr.CustomerId == personId && cr.RepresentativeId == rep && cr.CompanyId == companyId, ct));
            if (!represents) throw new BusinessRuleException(error);
        }
        return new TargetUser(target.Id, target.FullName, target.Culture);
    }

    private sealed record ChecklistPlan(int ChecklistId, string Code, int VersionId, int VersionNumber, ChecklistDefinition Definition,
        IReadOnlyList<ChecklistAnswer> Answers)
    {
        public string Summary => $"{Code} v{VersionNumber}: {Answers.Count}";
    }

    /// <summary>The checklist that applies to an occurrence of the type in the company: the type's, when active, published,
    /// of usage Occurrence and linked to the company.</summary>
    private static Task<int?> ApplicableChecklistIdAsync(FoccoDbContext db, int companyId, int typeId, CancellationToken ct) =>
        (from t in db.OccurrenceTypes
         where t.Id == typeId && t.ChecklistId != null
         join c in OccurrenceChecklists(db) on t.ChecklistId equals c.Id
         where c.Companies.Any(x => x.CompanyId == companyId)
         select (int?)c.Id).FirstOrDefaultAsync(ct);

    /// <summary>
    /// Checks the answers against the checklist of the type (engine: visibility, kinds, required-when-visible; hidden answers
    /// dropped). With parameter 03 = S the checklist must be filled and complete; with N only invalid answers are refused.
    /// </summary>
    private async Task<ChecklistPlan?> PlanChecklistAsync(FoccoDbContext db, CurrentUser user, int companyId, OccurrenceInput input,
        ChecklistResponse? existing, CancellationToken ct)
    {
        if (await ApplicableChecklistIdAsync(db, companyId, input.TypeId!.Value, ct) is not { } checklistId)
        {
            // the type no longer links a checklist: an existing response of the same type stays as it was
            return null;
        }
        var required = await parameters.GetBoolAsync(user, companyId, ParameterDefinition.RequireOccurrenceChecklist, ct);
        var latest = await db.ChecklistVersions.AsNoTracking().Where(v => v.ChecklistId == checklistId).OrderByDescending(v => v.Number)
            .Select(v => new { v.Id, v.Number }).FirstAsync(ct);
        var sameChecklist = existing is not null && existing.ChecklistId == checklistId;
        var versionId = input.ChecklistVersionId ?? (sameChecklist ? existing!.ChecklistVersionId : latest.Id);
        if (versionId != latest.Id && !(sameChecklist && versionId == existing!.ChecklistVersionId))
            throw new BusinessRuleException(ChecklistMessages.ChecklistVersionNotAllowed);
        var version = await db.ChecklistVersions.AsNoTracking().FirstAsync(v => v.Id == versionId, ct);
        var code = await db.Checklists.Where(c => c.Id == checklistId).Select(c => c.Code).FirstAsync(ct);
        var definition = version.ToDefinition();
        var evaluation = ChecklistEngine.Evaluate(definition, input.ChecklistAnswers.Where(a => definition.Find(a.NodeId) is not null));
        var errors = required ? evaluation.Errors : evaluation.Errors.Where(e => e.Value != ChecklistMessages.AnswerRequired).ToDictionary();
        if (required && evaluation.CleanAnswers.Count == 0 && definition.Count > 0)
            throw new ValidationException(OccurrenceMessages.OccurrenceChecklistRequired,
                [new ValidationFailure(nameof(OccurrenceInput.ChecklistAnswers), OccurrenceMessages.OccurrenceChecklistRequired), .. Failures(errors)]);
        if (errors.Count > 0)
            throw new ValidationException(required ? OccurrenceMessages.OccurrenceChecklistRequired : ChecklistMessages.ChecklistAnswersInvalid, Failures(errors));
        return new ChecklistPlan(checklistId, code, version.Id, version.Number, definition, evaluation.CleanAnswers);

        static IEnumerable<ValidationFailure> Failures(IReadOnlyDictionary<Guid, string> errors) =>
            errors.Select(e => new ValidationFailure(e.Key.ToString(), e.Value));
    }

    /// <summary>The occurrence's checklist: its response (version and answers), or for a first fill the type's checklist's latest version.</summary>
    private async Task<OccurrenceChecklist?> ChecklistOfAsync(FoccoDbContext db, CurrentUser user, int companyId, int typeId, int? occurrenceId, CancellationToken ct)
    {
        var response = occurrenceId is null ? null
            : await db.ChecklistResponses.AsNoTracking().Include(r => r.Answers).FirstOrDefaultAsync(r => r.OccurrenceId == occurrenceId, ct);
        var applicable = await ApplicableChecklistIdAsync(db, companyId, typeId, ct);
        var checklistId = response?.ChecklistId ?? applicable;
        if (checklistId is null) return null;
        var versionId = response?.ChecklistVersionId
            ?? await db.ChecklistVersions.Where(v => v.ChecklistId == checklistId).OrderByDescending(v => v.Number).Select(v => v.Id).FirstAsync(ct);
        var version = await db.ChecklistVersions.AsNoTracking().FirstAsync(v => v.Id == versionId, ct);
        var checklist = await db.Checklists.AsNoTracking().Where(c => c.Id == checklistId).Select(c => new { c.Code, c.Description }).FirstAsync(ct);
        var required = await parameters.GetBoolAsync(user, companyId, ParameterDefinition.RequireOccurrenceChecklist, ct);
        return new OccurrenceChecklist(checklistId.Value, checklist.Code, checklist.Description, version.Id, version.Number, version.ToDefinition(),
            response?.ToAnswers() ?? [], required);
    }

    private static async Task<string> SummaryAsync(FoccoDbContext db, ChecklistResponse r, CancellationToken ct)
    {
        var code = await db.Checklists.Where(c => c.Id == r.ChecklistId).Select(c => c.Code).FirstAsync(ct);
        var number = await db.ChecklistVersions.Where(v => v.Id == r.ChecklistVersionId).Select(v => v.Number).FirstAsync(ct);
        return $"{code} v{number}: {r.Answers.Select(a => a.NodeId).Distinct().Count()}";
    }

    private static bool Same(IReadOnlyList<ChecklistAnswer> a, IReadOnlyList<ChecklistAnswer> b)
    {
        if (a.Count != b.Count) return false;
        var byNode = a.ToDictionary(x => x.NodeId);
        return b.All(x => byNode.TryGetValue(x.NodeId, out var y) && y.OptionIds.SequenceEqual(x.OptionIds) && y.Text == x.Text
            && y.Number == x.Number && y.Date == x.Date);
    }

    private static Task<string?> PersonNameAsync(FoccoDbContext db, int id, CancellationToken ct) =>
        db.Persons.Where(p => p.Id == id).Select(p => p.Name).FirstOrDefaultAsync(ct);

    private static async Task<string?> ContactNameAsync(FoccoDbContext db, int? id, CancellationToken ct) =>
        id is null ? null : await db.Contacts.Where(c => c.Id == id).Select(c => c.Name).FirstOrDefaultAsync(ct);

    private static async Task<string?> TypeTextAsync(FoccoDbContext db, int id, CancellationToken ct) =>
        await db.OccurrenceTypes.Where(t => t.Id == id).Select(t => t.Code + " · " + t.Description).FirstOrDefaultAsync(ct);

    private static async Task<string?> ReasonTextAsync(FoccoDbContext db, int id, CancellationToken ct) =>
        await db.OccurrenceReasons.Where(t => t.Id == id).Select(t => t.Code + " · " + t.Description).FirstOrDefaultAsync(ct);

    private Task PublishAsync(CurrentUser user, Occurrence o, string kind, CancellationToken ct) =>
        feed.PublishAsync(new LiveChange(LiveTopics.Occurrences(o.CompanyId), kind, o.Id, user.Id, user.FullName, Now,
            new Dictionary<string, string> { ["number"] = o.Number.ToString(CultureInfo.InvariantCulture), ["responsible"] = o.ResponsibleUserId }), ct);
}
