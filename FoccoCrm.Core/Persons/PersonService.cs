using FluentValidation;
using FluentValidation.Results;
using FoccoCrm.Core.Common;
using FoccoCrm.Core.Data;
using FoccoCrm.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace FoccoCrm.Core.Persons;

/// <summary>Persons (FCLI0100, consumers FERM0101, representatives FREP0200): paged list in SQL, form, representatives' customers.</summary>
public sealed class PersonService(IDbContextFactory<FoccoDbContext> dbFactory, IValidator<PersonInput> validator, TimeProvider clock)
{
    /// <summary>The most rows one call returns (the CSV export of a filter is capped here).</summary>
    public const int MaxRows = 10_000;

    /// <summary>
    /// One page of the persons the user may see, filtered, searched, sorted and counted in SQL, fast at a million rows:
    /// unsearched counts come from the trigger-kept <see cref="PersonCount"/> table, text search goes through the
    /// trigram index (<see cref="PersonListSchema"/>), and a page past the middle is read from the other end of the
    /// index in reverse order (so the last page costs what the first does).
    /// </summary>
    public async Task<PagedResult<PersonRow>> ListAsync(CurrentUser user, PersonQuery query, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = await VisibleAsync(db, user, ct);
        if (!query.IncludeInactive) q = q.Where(p => p.IsActive);
        var role = query.Role is { } r && r != PersonRoles.None ? (int)r : 0;
        if (role != 0) q = q.Where(p => ((int)p.Roles & role) != 0);
        var search = query.Search?.Trim();
        if (!string.IsNullOrEmpty(search)) q = ApplySearch(db, q, search);

        var total = string.IsNullOrEmpty(search) && !user.SeesOnlyAssignedCustomers()
            ? await CountFromCountsAsync(db, query.IncludeInactive, role, ct)
            : await q.CountAsync(ct);
        var take = Math.Clamp(query.Take, 1, MaxRows);
        var skip = Math.Max(0, query.Skip);
        if (skip >= total) return new PagedResult<PersonRow>([], total);

        var fromEnd = skip > total / 2;
        if (fromEnd)
        {
            // The same rows, counted from the end: order reversed, skip what lies after the page, then flip back.
            var rows = Math.Min(take, total - skip);
            var tail = total - skip - rows;
            var items = await Order(q, query.Sort, query.Descending, reverse: true).Skip(tail).Take(rows).Select(ToRow).ToListAsync(ct);
            items.Reverse();
            return new PagedResult<PersonRow>(items, total);
        }
        var page = await Order(q, query.Sort, query.Descending, reverse: false).Skip(skip).Take(take).Select(ToRow).ToListAsync(ct);
        return new PagedResult<PersonRow>(page, total);
    }

    /// <summary>Name, trade name and city contain the text (trigram index, accents ignored), or the document starts with it, or it is the ERP code.</summary>
    private static IQueryable<Person> ApplySearch(FoccoDbContext db, IQueryable<Person> q, string search)
    {
        var doc = Cnpj.Normalize(search);
        if (search.Length < 3)
        {
            // Too short for trigrams: plain LIKE (a scan, but only for one- or two-letter searches).
            var like = $"%{search}%";
            return q.Where(p => EF.Functions.Like(p.Name, like) || EF.Functions.Like(p.TradeName!, like) || EF.Functions.Like(p.City!, like)
                || p.ExternalCode == search);
        }
        var phrase = PersonListSchema.Phrase(search);
        var docFrom = doc.Length >= 3 ? doc : "\uFFFF";
        var docTo = docFrom + "\uFFFF";
        var ids = db.Database.SqlQuery<int>($"""
            SELECT rowid AS "Value" FROM PersonsSearch WHERE PersonsSearch MATCH {phrase}
            UNION SELECT Id FROM Persons WHERE ExternalCode = {search}
            UNION SELECT Id FROM Persons WHERE Document >= {docFrom} AND Document < {docTo}
            """);
        return q.Where(p => ids.Contains(p.Id));
    }

    private static async Task<int> CountFromCountsAsync(FoccoDbContext db, bool includeInactive, int role, CancellationToken ct)
    {
        var counts = db.PersonCounts.AsNoTracking();
        if (!includeInactive) counts = counts.Where(c => c.IsActive);
        if (role != 0) counts = counts.Where(c => ((int)c.Roles & role) != 0);
        return (int)await counts.SumAsync(c => c.Count, ct);
    }

    /// <summary>The list order (always ending in Id, so it is total); <paramref name="reverse"/> gives its exact inverse.</summary>
    private static IOrderedQueryable<Person> Order(IQueryable<Person> q, PersonSort sort, bool descending, bool reverse)
    {
        var primaryDesc = descending ^ reverse;
        var ordered = sort switch
        {
            PersonSort.City => Then(First(q, p => p.City, primaryDesc), p => p.Name, reverse),
            PersonSort.Document => First(q, p => p.Document, primaryDesc),
            _ => First(q, p => p.Name, primaryDesc),
        };
        return Then(ordered, p => p.Id, reverse);
    }

    private static IOrderedQueryable<Person> First<TKey>(IQueryable<Person> q, System.Linq.Expressions.Expression<Func<Person, TKey>> key, bool desc) =>
        desc ? q.OrderByDescending(key) : q.OrderBy(key);

    private static IOrderedQueryable<Person> Then<TKey>(IOrderedQueryable<Person> q, System.Linq.Expressions.Expression<Func<Person, TKey>> key, bool desc) =>
        desc ? q.ThenByDescending(key) : q.ThenBy(key);

    public async Task<PersonRow> GetAsync(CurrentUser user, int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = await VisibleAsync(db, user, ct);
        return await q.Where(p => p.Id == id).Select(ToRow).FirstOrDefaultAsync(ct) ?? throw new NotFoundException(Messages.PersonNotFound);
    }

    public async Task<int> CreateAsync(CurrentUser user, PersonInput input, CancellationToken ct = default)
    {
        user.EnsureCanEditPersons();
        await validator.EnsureValidAsync(input, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var person = Person.Create(input, clock.GetUtcNow().UtcDateTime);
        await EnsureUniqueAsync(db, person, ct);
        db.Persons.Add(person);
        await db.SaveChangesAsync(ct);
        return person.Id;
    }

    /// <summary>Saves the edit if nobody changed the person since <paramref name="expectedVersion"/> was read.</summary>
    public async Task UpdateAsync(CurrentUser user, int id, PersonInput input, Guid expectedVersion, CancellationToken ct = default)
    {
        user.EnsureCanEditPersons();
        await validator.EnsureValidAsync(input, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var person = await db.Persons.FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException(Messages.PersonNotFound);
        db.ExpectVersion(person, expectedVersion);
        person.Apply(input);
        await EnsureUniqueAsync(db, person, ct);
        await db.SaveOrConflictAsync(async () => await GetAsync(user, id, ct), ct);
    }

    /// <summary>Persons are kept for history; deactivating hides them from lists and pickers.</summary>
    public async Task DeactivateAsync(CurrentUser user, int id, Guid expectedVersion, CancellationToken ct = default)
    {
        user.EnsureCanEditPersons();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var person = await db.Persons.FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException(Messages.PersonNotFound);
        db.ExpectVersion(person, expectedVersion);
        person.Deactivate();
        await db.SaveOrConflictAsync(async () => await GetAsync(user, id, ct), ct);
    }

    /// <summary>The customers a representative has in a company.</summary>
    public async Task<IReadOnlyList<AssignedCustomerRow>> ListAssignedCustomersAsync(CurrentUser user, int representativeId, int companyId, CancellationToken ct = default)
    {
        user.EnsureAccess(companyId);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var visible = await VisibleAsync(db, user, ct);
        return await (from cr in db.CustomerRepresentatives.AsNoTracking()
                      join p in visible on cr.CustomerId equals p.Id
                      where cr.CompanyId == companyId && cr.RepresentativeId == representativeId
                      orderby p.Name
                      select new AssignedCustomerRow(p.Id, p.Name, p.TradeName, p.Type, p.Document, p.City, p.State)).ToListAsync(ct);
    }

    /// <summary>Assigns (or re-assigns) a customer to a representative in a company: one representative per customer and company.</summary>
    public async Task AssignAsync(CurrentUser user, int companyId, int customerId, int representativeId, CancellationToken ct = default)
    {
        user.EnsureCanEditAssignments(companyId);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var customer = await db.Persons.AsNoTracking().FirstOrDefaultAsync(p => p.Id == customerId, ct) ?? throw new NotFoundException(Messages.PersonNotFound);
        var rep = await db.Persons.AsNoTracking().FirstOrDefaultAsync(p => p.Id == representativeId, ct) ?? throw new NotFoundException(Messages.PersonNotFound);
        if (!customer.Roles.HasFlag(PersonRoles.Customer)) throw new BusinessRuleException(Messages.Format(nameof(Messages.PersonNotCustomer), customer.Name));
        if (!rep.Roles.HasFlag(PersonRoles.Representative)) throw new BusinessRuleException(Messages.Format(nameof(Messages.PersonNotRepresentative), rep.Name));
        var existing = await db.CustomerRepresentatives.FirstOrDefaultAsync(x => x.CompanyId == companyId && x.CustomerId == customerId, ct);
        if (existing is null) db.CustomerRepresentatives.Add(CustomerRepresentative.Create(companyId, customerId, representativeId));
        else existing.Reassign(representativeId);
        await db.SaveChangesAsync(ct);
    }

    public async Task UnassignAsync(CurrentUser user, int companyId, int customerId, CancellationToken ct = default)
    {
        user.EnsureCanEditAssignments(companyId);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.CustomerRepresentatives.Where(x => x.CompanyId == companyId && x.CustomerId == customerId).ExecuteDeleteAsync(ct);
    }

    /// <summary>Persons the user may read, as a query (still SQL).</summary>
    internal static async Task<IQueryable<Person>> VisibleAsync(FoccoDbContext db, CurrentUser user, CancellationToken ct)
    {
        var q = db.Persons.AsNoTracking();
        if (!user.SeesOnlyAssignedCustomers()) return q;
        var userId = user.Id;
        var repId = await db.Users.Where(u => u.Id == userId).Select(u => u.PersonId).FirstOrDefaultAsync(ct);
        if (repId is null) return q.Where(_ => false);
        var ids = user.CompanyIds;
        return q.Where(p => p.Id == repId || db.CustomerRepresentatives.Any(cr => cr.CustomerId == p.Id && cr.RepresentativeId == repId && ids.Contains(cr.CompanyId)));
    }

    private static readonly System.Linq.Expressions.Expression<Func<Person, PersonRow>> ToRow = p => new PersonRow(
        p.Id, p.Type, p.Roles, p.IsForeign, p.Document, p.Name, p.TradeName, p.Email, p.SecondaryEmail, p.Phone, p.Mobile,
        p.Street, p.Number, p.Complement, p.District, p.City, p.State, p.ZipCode, p.Country, p.ExternalCode, p.IsActive, p.Version);

    private static async Task EnsureUniqueAsync(FoccoDbContext db, Person person, CancellationToken ct)
    {
        var id = person.Id;
        var doc = person.Document;
        if (doc.Length > 0 && await db.Persons.AnyAsync(p => p.Document == doc && p.Id != id, ct))
            throw new ValidationException([new ValidationFailure(nameof(PersonInput.Document), Messages.PersonDocumentTaken)]);
        var code = person.ExternalCode;
        if (code is not null && await db.Persons.AnyAsync(p => p.ExternalCode == code && p.Id != id, ct))
            throw new ValidationException([new ValidationFailure(nameof(PersonInput.ExternalCode), Messages.PersonExternalCodeTaken)]);
    }
}
