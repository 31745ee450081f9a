using FluentValidation;
using FoccoCrm.Core.Catalogs;
using FoccoCrm.Core.Common;
using FoccoCrm.Core.Data;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Persons;
using Microsoft.EntityFrameworkCore;

namespace FoccoCrm.Core.Checklists;

/// <summary>Who designs checklists and maintains the question bank: administrators and managers. Everybody signed in reads.</summary>
public static class ChecklistPermissions
{
    public static bool CanDesignChecklists(this CurrentUser user) => user.IsAdministrator || user.IsManager;

    public static void EnsureCanDesignChecklists(this CurrentUser user)
    {
        if (!user.CanDesignChecklists()) throw new ForbiddenException(ChecklistMessages.ChecklistDesignersOnly);
    }
}

/// <summary>The question bank (FERM0104): paged list with "used in N checklists", form, deactivation.</summary>
public sealed class QuestionService(IDbContextFactory<FoccoDbContext> dbFactory, IValidator<QuestionInput> validator,
    CatalogService<QuestionGrouper> groupers)
{
    public const int MaxRows = 1000;

    /// <summary>One page of questions by grouper code and text; search matches part of the text; counts in SQL.</summary>
    public async Task<PagedResult<QuestionRow>> ListAsync(CurrentUser user, QuestionQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = Filter(db, query);
        var total = await q.CountAsync(ct);
        var rows = await (from x in q
                          join g in db.QuestionGroupers on x.GrouperId equals g.Id
                          orderby g.Code, x.Text, x.Id
                          select new QuestionRow(x.Id, x.Text, x.GrouperId, g.Code, g.Description, x.Kind, x.IsActive, x.Options.Count,
                              db.Checklists.Count(c => c.Nodes.Any(n => n.QuestionId == x.Id) || db.ChecklistVersionQuestions.Any(v => v.ChecklistId == c.Id && v.QuestionId == x.Id)), x.Version))
            .Skip(Math.Max(0, query.Skip)).Take(Math.Clamp(query.Take, 1, MaxRows)).ToListAsync(ct);
        return new PagedResult<QuestionRow>(rows, total);
    }

    /// <summary>The designer's library: questions with their options (active only unless asked), by grouper code then text.</summary>
    public async Task<IReadOnlyList<QuestionDetail>> ListLibraryAsync(CurrentUser user, string? search = null, int? grouperId = null,
        bool includeInactive = false, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = Filter(db, new QuestionQuery { Search = search, GrouperId = grouperId, IncludeInactive = includeInactive });
        return await Details(db, q).Take(MaxRows).ToListAsync(ct);
    }

    public async Task<QuestionDetail> GetAsync(CurrentUser user, int id, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Details(db, db.Questions.AsNoTracking().Where(x => x.Id == id)).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException(ChecklistMessages.QuestionNotFound);
    }

    public async Task<int> CreateAsync(CurrentUser user, QuestionInput input, CancellationToken ct = default)
    {
        user.EnsureCanDesignChecklists();
        await validator.EnsureValidAsync(input, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await groupers.EnsureSelectableAsync(db, input.GrouperId, ct: ct);
        var question = Question.Create(input);
        db.Questions.Add(question);
        await db.SaveChangesAsync(ct);
        return question.Id;
    }

    /// <summary>
    /// Saves the edit if nobody changed the question since <paramref name="expectedVersion"/> was read. Published versions and
    /// filled checklists keep their own copies of the texts; removing an option (or changing the kind) orphans dependent draft nodes.
    /// </summary>
    public async Task UpdateAsync(CurrentUser user, int id, QuestionInput input, Guid expectedVersion, CancellationToken ct = default)
    {
        user.EnsureCanDesignChecklists();
        await validator.EnsureValidAsync(input, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var question = await db.Questions.Include(x => x.Options).FirstOrDefaultAsync(x => x.Id == id, ct)
            ?? throw new NotFoundException(ChecklistMessages.QuestionNotFound);
        db.ExpectVersion(question, expectedVersion);
        if (input.GrouperId != question.GrouperId) await groupers.EnsureSelectableAsync(db, input.GrouperId, ct: ct);
        question.Apply(input);
        await db.SaveOrConflictAsync(async () => await GetAsync(user, id, ct), ct);
    }

    /// <summary>Stops offering the question in the library; checklists that use it keep it.</summary>
    public async Task DeactivateAsync(CurrentUser user, int id, CancellationToken ct = default)
    {
        user.EnsureCanDesignChecklists();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var question = await db.Questions.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException(ChecklistMessages.QuestionNotFound);
        question.Deactivate();
        await db.SaveChangesAsync(ct);
    }

    private static IQueryable<Question> Filter(FoccoDbContext db, QuestionQuery query)
    {
        var q = db.Questions.AsNoTracking();
        if (!query.IncludeInactive) q = q.Where(x => x.IsActive);
        if (query.GrouperId is { } g) q = q.Where(x => x.GrouperId == g);
        if (query.Kind is { } k) q = q.Where(x => x.Kind == k);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var like = $"%{query.Search.Trim()}%";
            q = q.Where(x => EF.Functions.Like(x.Text, like));
        }
        return q;
    }

    private static IQueryable<QuestionDetail> Details(FoccoDbContext db, IQueryable<Question> q) =>
        from x in q
        join g in db.QuestionGroupers on x.GrouperId equals g.Id
        orderby g.Code, x.Text, x.Id
        select new QuestionDetail(x.Id, x.Text, x.GrouperId, g.Code, g.Description, x.Kind, x.IsActive,
            x.Options.OrderBy(o => o.Order).Select(o => new FormOption(o.Id, o.Text)).ToList(),
            db.Checklists.Count(c => c.Nodes.Any(n => n.QuestionId == x.Id) || db.ChecklistVersionQuestions.Any(v => v.ChecklistId == c.Id && v.QuestionId == x.Id)), x.Version);
}
