using FoccoCrm.Core.Common;
using FoccoCrm.Core.Companies;
using FoccoCrm.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace FoccoCrm.Core.Identity;

/// <summary>Builds the <see cref="CurrentUser"/> of a login and keeps their per-user choices (company, language).</summary>
public sealed class UserAccessService(IDbContextFactory<FoccoDbContext> dbFactory)
{
    public static readonly IReadOnlyList<string> SupportedCultures = ["pt-BR", "en-US"];

    /// <summary>The user with roles and accessible (active) companies; null when missing or deactivated.</summary>
    public async Task<CurrentUser?> LoadAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId && u.IsActive)
            .Select(u => new { u.Id, u.Email, u.FullName, u.CurrentCompanyId, u.Culture })
            .FirstOrDefaultAsync(ct);
        if (user is null) return null;

        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where ur.UserId == userId
                           select r.Name!).ToListAsync(ct);
        var companies = await db.UserCompanies.AsNoTracking()
            .Where(uc => uc.UserId == userId && uc.Company!.IsActive)
            .OrderBy(uc => uc.Company!.Code)
            .Select(uc => new CompanyRef(uc.CompanyId, uc.Company!.Code, uc.Company.Name, uc.Company.TimeZoneId))
            .ToListAsync(ct);

        // The remembered company wins while the user still has access; else the first one.
        var current = companies.Any(c => c.Id == user.CurrentCompanyId) ? user.CurrentCompanyId : companies.FirstOrDefault()?.Id;
        return new CurrentUser(user.Id, user.Email ?? "", user.FullName, roles, companies, current, user.Culture);
    }

    /// <summary>Remembers the company chosen in the app bar. Refused for a company the user cannot access.</summary>
    public async Task SetCurrentCompanyAsync(CurrentUser user, int companyId, CancellationToken ct = default)
    {
        user.EnsureAccess(companyId);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entity = await db.Users.FirstOrDefaultAsync(u => u.Id == user.Id, ct) ?? throw new NotFoundException(Messages.UserNotFound);
        entity.CurrentCompanyId = companyId;
        await db.SaveChangesAsync(ct);
    }

    public async Task SetCultureAsync(string userId, string culture, CancellationToken ct = default)
    {
        if (!SupportedCultures.Contains(culture)) throw new BusinessRuleException($"Unsupported culture {culture}.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.Culture, culture), ct);
    }
}
