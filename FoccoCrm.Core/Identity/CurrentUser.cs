using FoccoCrm.Core.Common;
using FoccoCrm.Core.Companies;

namespace FoccoCrm.Core.Identity;

/// <summary>
/// Who is acting: the user, their roles, the companies they can access and the current one.
/// Every Core service that touches company data takes one and checks it.
/// </summary>
public sealed record CurrentUser(
    string Id,
    string Email,
    string FullName,
    IReadOnlyList<string> Roles,
    IReadOnlyList<CompanyRef> Companies,
    int? CurrentCompanyId,
    string? Culture)
{
    public bool IsInRole(string role) => Roles.Contains(role);
    public bool IsAdministrator => IsInRole(Identity.Roles.Administrator);
    public bool IsManager => IsInRole(Identity.Roles.Manager);

    /// <summary>The most privileged role, for display.</summary>
    public string PrimaryRole => Identity.Roles.All.FirstOrDefault(IsInRole) ?? "";

    // Computed on read (a handful of companies): a `with { Companies = ... }` copy never keeps stale ids,
    // and record equality stays about the data.
    public IReadOnlyList<int> CompanyIds => Companies.Select(c => c.Id).ToArray();

    public CompanyRef? CurrentCompany => Companies.FirstOrDefault(c => c.Id == CurrentCompanyId);

    /// <summary>A stored UTC instant as the user reads it: in the current company's time zone (UTC without one).</summary>
    public DateTime ToLocal(DateTime utc)
    {
        var instant = DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        return CurrentCompany?.ToLocal(instant) ?? instant;
    }

    /// <summary>A time the user typed (current company's time zone) as the UTC instant to store.</summary>
    public DateTime ToUtc(DateTime local) =>
        CurrentCompany?.ToUtc(local) ?? DateTime.SpecifyKind(local, DateTimeKind.Utc);

    public bool CanAccess(int companyId) => CompanyIds.Contains(companyId);

    /// <summary>Throws <see cref="ForbiddenException"/> unless the user has access to the company.</summary>
    public void EnsureAccess(int companyId)
    {
        if (!CanAccess(companyId)) throw new ForbiddenException(Messages.NoAccessToCompany);
    }

    public void EnsureAdministrator()
    {
        if (!IsAdministrator) throw new ForbiddenException(Messages.AdministratorsOnly);
    }

    /// <summary>The current company, or <see cref="ForbiddenException"/> when the user has none.</summary>
    public int RequireCurrentCompany() =>
        CurrentCompanyId is int id && CanAccess(id) ? id : throw new ForbiddenException(Messages.NoAccessToCompany);
}

public static class CompanyScopeExtensions
{
    /// <summary>Filters company-owned records to the companies the user can access, in SQL.</summary>
    public static IQueryable<T> VisibleTo<T>(this IQueryable<T> query, CurrentUser user) where T : class, ICompanyOwned
    {
        var ids = user.CompanyIds;
        return query.Where(x => ids.Contains(x.CompanyId));
    }
}
