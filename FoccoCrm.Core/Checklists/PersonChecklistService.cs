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
/// Person additional data (FERM0201): the active, published Registration checklists linked to the current company, filled per
/// person. A first fill uses the latest version; editing keeps the response's version unless the user moves it to the latest.
/// Administrators, managers and agents fill; representatives read, and only for the persons they see.
/// </summary>
public sealed class PersonChecklistService(IDbContextFactory<FoccoDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>The checklists offered for the person in the current company, with the person's response to each.</summary>
    public async Task<IReadOnlyList<PersonChecklistRow>> ListAsync(CurrentUser user, int personId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await EnsurePersonVisibleAsync(db, user, personId, ct);
        var companyId = user.RequireCurrentCompany();
        var rows = await (from c in Offered(db, companyId)
                          let latest = db.ChecklistVersions.Where(v => v.ChecklistId == c.Id).OrderByDescending(v => v.Number).First()
                          let r = db.ChecklistResponses.FirstOrDefault(x => x.ChecklistId == c.Id && x.PersonId == personId)
                          orderby c.Code
                          select new PersonChecklistRow(c.Id, c.Code, c.Description, latest.Id, latest.Number,
                              r == null ? null : r.Id,
                              r == null ? null : db.ChecklistVersions.Where(v => v.Id == r.ChecklistVersionId).Select(v => (int?)v.Number).FirstOrDefault(),
                              r == null ? 0 : r.Answers.Select(a => a.NodeId).Distinct().Count(),
                              r == null ? null : r.UpdatedAtUtc, r == null ? null : r.UpdatedByName)).ToListAsync(ct);
        return rows;
    }

    /// <summary>Every checklist the person has filled (any company), newest first.</summary>
    public async Task<IReadOnlyList<PersonResponseRow>> ListResponsesAsync(CurrentUser user, int personId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await EnsurePersonVisibleAsync(db, user, personId, ct);
        return await (from r in db.ChecklistResponses.AsNoTracking()
                      where r.PersonId == personId
                      join c in db.Checklists on r.ChecklistId equals c.Id
                      join v in db.ChecklistVersions on r.ChecklistVersionId equals v.Id
                      orderby r.UpdatedAtUtc descending
                      select new PersonResponseRow(r.Id, c.Id, c.Code, c.Description, v.Number, r.Answers.Select(a => a.NodeId).Distinct().Count(),
                          r.UpdatedAtUtc, r.UpdatedByName)).ToListAsync(ct);
    }

    /// <summary>
    /// The form for (person, checklist): the response's version and answers, or the latest version for a first fill.
    /// <paramref name="moveToLatest"/>: show an existing response on the latest version (answers carried over by node; the engine
    /// drops those that no longer fit when saved).
    /// </summary>
    public async Task<PersonChecklistForm> GetAsync(CurrentUser user, int personId, int checklistId, bool moveToLatest = false, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await EnsurePersonVisibleAsync(db, user, personId, ct);
        var response = await db.ChecklistResponses.AsNoTracking().Include(r => r.Answers)
            .FirstOrDefaultAsync(r => r.ChecklistId == checklistId && r.PersonId == personId, ct);
        var checklist = await db.Checklists.AsNoTracking().Where(c => c.Id == checklistId).Select(c => new { c.Id, c.Code, c.Description }).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException(ChecklistMessages.ChecklistNotFound);
        if (response is null)
        {
            // a first fill only for what is offered in the current company
            if (!await Offered(db, user.RequireCurrentCompany()).AnyAsync(c => c.Id == checklistId, ct))
                throw new BusinessRuleException(ChecklistMessages.ChecklistNotForPersons);
        }
        var latest = await db.ChecklistVersions.AsNoTracking().Where(v => v.ChecklistId == checklistId).OrderByDescending(v => v.Number).FirstOrDefaultAsync(ct)
            ?? throw new BusinessRuleException(ChecklistMessages.ChecklistNotPublished);
        var version = response is null || moveToLatest
            ? latest
            : await db.ChecklistVersions.AsNoTracking().FirstAsync(v => v.Id == response.ChecklistVersionId, ct);
        var definition = version.ToDefinition();
        // answers carried to another version keep only what still fits (a removed option or a changed kind drops the answer)
        var answers = response?.ToAnswers().Where(a => definition.Find(a.NodeId) is { } n && ChecklistEngine.ValidateAnswer(n.Question, a) is null).ToList() ?? [];
        return new PersonChecklistForm(personId, checklist.Id, checklist.Code, checklist.Description, version.Id, version.Number, latest.Id, latest.Number,
            response?.Id, response?.Version, definition, answers, !user.CanEditPersons());
    }

    /// <summary>
    /// Saves the person's answers against <see cref="PersonChecklistSave.VersionId"/> (the response's version, or the latest).
    /// Answers are validated by the engine (<see cref="ValidationException"/> with the node id as property name and the localized
    /// message); answers of hidden nodes are dropped. Returns the response id.
    /// </summary>
    public async Task<int> SaveAsync(CurrentUser user, int personId, int checklistId, PersonChecklistSave input, CancellationToken ct = default)
    {
        if (!user.CanEditPersons()) throw new ForbiddenException(ChecklistMessages.PersonChecklistReadOnly);
        var companyId = user.RequireCurrentCompany();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await EnsurePersonVisibleAsync(db, user, personId, ct);
        var response = await db.ChecklistResponses.Include(r => r.Answers).FirstOrDefaultAsync(r => r.ChecklistId == checklistId && r.PersonId == personId, ct);
        var latestId = await db.ChecklistVersions.Where(v => v.ChecklistId == checklistId).OrderByDescending(v => v.Number).Select(v => (int?)v.Id).FirstOrDefaultAsync(ct)
            ?? throw new BusinessRuleException(ChecklistMessages.ChecklistNotPublished);
        if (response is null)
        {
            if (!await Offered(db, companyId).AnyAsync(c => c.Id == checklistId, ct)) throw new BusinessRuleException(ChecklistMessages.ChecklistNotForPersons);
            if (input.VersionId != latestId) throw new BusinessRuleException(ChecklistMessages.ChecklistVersionNotAllowed);
            response = ChecklistResponse.ForPerson(checklistId, personId, companyId, clock.GetUtcNow().UtcDateTime);
            db.ChecklistResponses.Add(response);
        }
        else
        {
            if (input.VersionId != latestId && input.VersionId != response.ChecklistVersionId)
                throw new BusinessRuleException(ChecklistMessages.ChecklistVersionNotAllowed);
            if (input.ExpectedResponseVersion is { } expected) db.ExpectVersion(response, expected);
        }
        var version = await db.ChecklistVersions.AsNoTracking().FirstAsync(v => v.Id == input.VersionId, ct);
        var definition = version.ToDefinition();
        var known = input.Answers.Where(a => definition.Find(a.NodeId) is not null);
        var evaluation = ChecklistEngine.Evaluate(definition, known);
        if (!evaluation.IsValid)
            throw new ValidationException(ChecklistMessages.ChecklistAnswersInvalid,
                evaluation.Errors.Select(e => new ValidationFailure(e.Key.ToString(), e.Value)));
        response.Fill(version.Id, definition, evaluation.CleanAnswers, clock.GetUtcNow().UtcDateTime, user.Id, user.FullName);
        if (db.Entry(response).State != EntityState.Added) db.Entry(response).Property(r => r.Version).IsModified = true;
        await db.SaveOrConflictAsync(async () => await GetAsync(user, personId, checklistId, ct: ct), ct);
        return response.Id;
    }

    /// <summary>
    /// Persons whose stored answer to <paramref name="questionId"/> includes option <paramref name="optionId"/> — a query (SQL), for
    /// dynamic selections ("Dados adicionais").
    /// </summary>
    public static IQueryable<int> PersonsAnswering(FoccoDbContext db, int questionId, int optionId) =>
        from a in db.ChecklistResponseAnswers
        join r in db.ChecklistResponses on a.ResponseId equals r.Id
        where a.QuestionId == questionId && a.OptionId == optionId && r.PersonId != null
        select r.PersonId!.Value;

    /// <summary>Active checklists with a published version, Registration usage, linked to the company.</summary>
    private static IQueryable<Checklist> Offered(FoccoDbContext db, int companyId) =>
        from c in db.Checklists.AsNoTracking()
        join t in db.ChecklistTypes on c.TypeId equals t.Id
        where c.IsActive && t.Usage == ChecklistUsage.Registration
              && c.Companies.Any(x => x.CompanyId == companyId)
              && db.ChecklistVersions.Any(v => v.ChecklistId == c.Id)
        select c;

    private static async Task EnsurePersonVisibleAsync(FoccoDbContext db, CurrentUser user, int personId, CancellationToken ct)
    {
        var visible = await PersonService.VisibleAsync(db, user, ct);
        if (!await visible.AnyAsync(p => p.Id == personId, ct)) throw new NotFoundException(Messages.PersonNotFound);
    }
}
