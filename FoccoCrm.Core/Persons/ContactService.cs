using FluentValidation;
using FoccoCrm.Core.Catalogs;
using FoccoCrm.Core.Common;
using FoccoCrm.Core.Data;
using FoccoCrm.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace FoccoCrm.Core.Persons;

/// <summary>Contacts of a person. New or re-typed contacts need an active contact type (FCLI0103).</summary>
public sealed class ContactService(IDbContextFactory<FoccoDbContext> dbFactory, IValidator<ContactInput> validator, CatalogService<ContactType> contactTypes)
{
    public async Task<IReadOnlyList<ContactRow>> ListAsync(CurrentUser user, int personId, bool includeInactive = false, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var visible = await PersonService.VisibleAsync(db, user, ct);
        if (!await visible.AnyAsync(p => p.Id == personId, ct)) throw new NotFoundException(Messages.PersonNotFound);
        var q = db.Contacts.AsNoTracking().Where(c => c.PersonId == personId);
        if (!includeInactive) q = q.Where(c => c.IsActive);
        return await Rows(db, q).ToListAsync(ct);
    }

    public async Task<int> CreateAsync(CurrentUser user, int personId, ContactInput input, CancellationToken ct = default)
    {
        user.EnsureCanEditPersons();
        await validator.EnsureValidAsync(input, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Persons.AnyAsync(p => p.Id == personId, ct)) throw new NotFoundException(Messages.PersonNotFound);
        await contactTypes.EnsureSelectableAsync(db, input.ContactTypeId, ct: ct);
        var contact = Contact.Create(personId, input);
        db.Contacts.Add(contact);
        await db.SaveChangesAsync(ct);
        return contact.Id;
    }

    /// <summary>Saves the edit if nobody changed the contact meanwhile. Keeping an (now inactive) type is allowed; changing to one is not.</summary>
    public async Task UpdateAsync(CurrentUser user, int id, ContactInput input, Guid expectedVersion, CancellationToken ct = default)
    {
        user.EnsureCanEditPersons();
        await validator.EnsureValidAsync(input, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var contact = await db.Contacts.FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException(Messages.ContactNotFound);
        if (contact.ContactTypeId != input.ContactTypeId) await contactTypes.EnsureSelectableAsync(db, input.ContactTypeId, ct: ct);
        db.ExpectVersion(contact, expectedVersion);
        contact.Apply(input);
        await db.SaveOrConflictAsync(async () => await Rows(db, db.Contacts.AsNoTracking().Where(c => c.Id == id)).FirstOrDefaultAsync(ct), ct);
    }

    public async Task DeactivateAsync(CurrentUser user, int id, CancellationToken ct = default)
    {
        user.EnsureCanEditPersons();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var contact = await db.Contacts.FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException(Messages.ContactNotFound);
        contact.Deactivate();
        await db.SaveChangesAsync(ct);
    }

    private static IQueryable<ContactRow> Rows(FoccoDbContext db, IQueryable<Contact> contacts) =>
        from c in contacts
        join t in db.ContactTypes on c.ContactTypeId equals t.Id
        orderby t.Code, c.Name
        select new ContactRow(c.Id, c.PersonId, c.Name, c.ContactTypeId, t.Code, t.Description, c.Department, c.Email, c.Phone, c.Mobile,
            c.BirthDate, c.IsActive, c.Version);
}

/// <summary>A contact type used by a contact cannot be deleted (the catalog then offers to deactivate it).</summary>
internal sealed class ContactTypeUsage(IDbContextFactory<FoccoDbContext> dbFactory) : ICatalogUsage
{
    public async Task<string?> FindUseAsync(CatalogEntryRef entry, CancellationToken ct)
    {
        if (entry.Kind != CatalogKind.ContactType) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var count = await db.Contacts.CountAsync(c => c.ContactTypeId == entry.Id, ct);
        if (count == 0) return null;
        var first = await db.Contacts.Where(c => c.ContactTypeId == entry.Id).OrderBy(c => c.Id).Select(c => c.Name).FirstAsync(ct);
        return Messages.Format(nameof(Messages.CatalogUse_Contacts), count, first);
    }
}
