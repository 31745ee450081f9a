using FluentValidation;
using FoccoCrm.Core.Common;
using FoccoCrm.Core.Data;
using FoccoCrm.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace FoccoCrm.Core.Companies;

/// <summary>Companies (empresas): administrators manage them; other users read only those they can access.</summary>
public sealed class CompanyService(IDbContextFactory<FoccoDbContext> dbFactory, IValidator<CompanyInput> validator, TimeProvider clock)
{
    /// <summary>Administrators see every company; others only the companies they have access to.</summary>
    public async Task<IReadOnlyList<CompanyRow>> ListAsync(CurrentUser user, string? search = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.Companies.AsNoTracking();
        if (!user.IsAdministrator)
        {
            var ids = user.CompanyIds;
            q = q.Where(c => ids.Contains(c.Id));
        }
        if (!string.IsNullOrWhiteSpace(search))
        {
            var s = search.Trim();
            var doc = Cnpj.Normalize(s);
            q = q.Where(c => EF.Functions.Like(c.Name, $"%{s}%") || EF.Functions.Like(c.Code, $"%{s}%") || (doc.Length > 0 && c.Cnpj.Contains(doc)));
        }
        return await q.OrderBy(c => c.Code)
            .Select(c => new CompanyRow(c.Id, c.Code, c.Name, c.Cnpj, c.TimeZoneId, c.IsActive,
                db.UserCompanies.Count(uc => uc.CompanyId == c.Id), c.Version))
            .ToListAsync(ct);
    }

    public async Task<CompanyRow> GetAsync(CurrentUser user, int id, CancellationToken ct = default)
    {
        if (!user.IsAdministrator) user.EnsureAccess(id);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Companies.AsNoTracking().Where(c => c.Id == id)
            .Select(c => new CompanyRow(c.Id, c.Code, c.Name, c.Cnpj, c.TimeZoneId, c.IsActive,
                db.UserCompanies.Count(uc => uc.CompanyId == c.Id), c.Version))
            .FirstOrDefaultAsync(ct) ?? throw new NotFoundException(Messages.CompanyNotFound);
    }

    public async Task<int> CreateAsync(CurrentUser user, CompanyInput input, CancellationToken ct = default)
    {
        user.EnsureAdministrator();
        await validator.EnsureValidAsync(input, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var company = Company.Create(input, clock.GetUtcNow().UtcDateTime);
        await EnsureUniqueAsync(db, company.Code, company.Cnpj, null, ct);
        db.Companies.Add(company);
        await db.SaveChangesAsync(ct);
        return company.Id;
    }

    /// <summary>Saves the edit if nobody changed the company since <paramref name="expectedVersion"/> was read.</summary>
    public async Task UpdateAsync(CurrentUser user, int id, CompanyInput input, Guid expectedVersion, CancellationToken ct = default)
    {
        user.EnsureAdministrator();
        await validator.EnsureValidAsync(input, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var company = await db.Companies.FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException(Messages.CompanyNotFound);
        db.ExpectVersion(company, expectedVersion);
        company.Apply(input);
        await EnsureUniqueAsync(db, company.Code, company.Cnpj, id, ct);
        await db.SaveOrConflictAsync(async () => await GetAsync(user, id, ct), ct);
    }

    /// <summary>Deletes a company nobody uses; a company in use must be deactivated instead.</summary>
    public async Task DeleteAsync(CurrentUser user, int id, CancellationToken ct = default)
    {
        user.EnsureAdministrator();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var company = await db.Companies.FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException(Messages.CompanyNotFound);
        if (await db.UserCompanies.AnyAsync(uc => uc.CompanyId == id, ct))
            throw new BusinessRuleException(Messages.CompanyInUse);
        db.Companies.Remove(company);
        await db.SaveChangesAsync(ct);
    }

    private static async Task EnsureUniqueAsync(FoccoDbContext db, string code, string cnpj, int? exceptId, CancellationToken ct)
    {
        if (await db.Companies.AnyAsync(c => c.Code == code && c.Id != exceptId, ct))
            throw new ValidationException([new FluentValidation.Results.ValidationFailure(nameof(CompanyInput.Code), Messages.CompanyCodeTaken)]);
        if (await db.Companies.AnyAsync(c => c.Cnpj == cnpj && c.Id != exceptId, ct))
            throw new ValidationException([new FluentValidation.Results.ValidationFailure(nameof(CompanyInput.Cnpj), Messages.CompanyCnpjTaken)]);
    }
}
