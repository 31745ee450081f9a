using FluentValidation;
using FluentValidation.Results;
using FoccoCrm.Core.Common;
using FoccoCrm.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FoccoCrm.Core.Identity;

/// <summary>
/// Administration of logins: create users, set roles and company access, deactivate, reset passwords.
/// Each call runs in its own DI scope so Identity's scoped stores never outlive the operation
/// (a Blazor circuit lives for hours).
/// </summary>
public sealed class UserAdminService(IServiceScopeFactory scopes, IDbContextFactory<FoccoDbContext> dbFactory, IValidator<UserInput> validator, TimeProvider clock)
{
    public async Task<IReadOnlyList<UserRow>> ListAsync(CurrentUser admin, string? search = null, CancellationToken ct = default)
    {
        admin.EnsureAdministrator();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var s = $"%{search.Trim()}%";
            q = q.Where(u => EF.Functions.Like(u.FullName, s) || EF.Functions.Like(u.Email!, s));
        }
        var now = clock.GetUtcNow();
        var users = await q.OrderBy(u => u.FullName)
            .Select(u => new
            {
                u.Id, u.Email, u.FullName, u.IsActive, u.LockoutEnd, u.PersonId,
                PersonName = db.Persons.Where(p => p.Id == u.PersonId).Select(p => p.Name).FirstOrDefault(),
                Roles = (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == u.Id select r.Name!).ToList(),
                Companies = u.Companies.OrderBy(c => c.Company!.Code).Select(c => new { c.CompanyId, c.Company!.Code }).ToList(),
            })
            .ToListAsync(ct);
        return users.Select(u => new UserRow(u.Id, u.Email ?? "", u.FullName, u.IsActive, u.LockoutEnd > now,
            u.Roles, u.Companies.Select(c => c.CompanyId).ToList(), u.Companies.Select(c => c.Code).ToList(), u.PersonId, u.PersonName)).ToList();
    }

    public async Task<string> CreateAsync(CurrentUser admin, UserInput input, CancellationToken ct = default)
    {
        admin.EnsureAdministrator();
        await validator.EnsureValidAsync(input, ct);
        EnsurePassword(input.Password);
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByEmailAsync(input.Email.Trim()) is not null)
            throw new ValidationException([new ValidationFailure(nameof(UserInput.Email), Messages.EmailTaken)]);

        var db = scope.ServiceProvider.GetRequiredService<FoccoDbContext>();
        await EnsureLinkablePersonAsync(db, input, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var user = new AppUser
        {
            PersonId = input.PersonId,
            UserName = input.Email.Trim(), Email = input.Email.Trim(), EmailConfirmed = true, FullName = input.FullName.Trim(),
            IsActive = input.IsActive, CreatedAtUtc = clock.GetUtcNow().UtcDateTime, LockoutEnabled = true,
            Companies = input.CompanyIds.Distinct().Select(id => new UserCompany { CompanyId = id }).ToList(),
            CurrentCompanyId = input.CompanyIds.FirstOrDefault() is var first and > 0 ? first : null,
        };
        Check(await users.CreateAsync(user, input.Password!));
        Check(await users.AddToRolesAsync(user, input.Roles.Distinct()));
        await tx.CommitAsync(ct);
        return user.Id;
    }

    /// <summary>Changes name, roles, company access and the active flag (deactivating signs the user out everywhere).</summary>
    public async Task UpdateAsync(CurrentUser admin, string userId, UserInput input, CancellationToken ct = default)
    {
        admin.EnsureAdministrator();
        await validator.EnsureValidAsync(input, ct);
        if (userId == admin.Id && !input.IsActive) throw new BusinessRuleException(Messages.CannotDeactivateYourself);
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var db = scope.ServiceProvider.GetRequiredService<FoccoDbContext>();
        await EnsureLinkablePersonAsync(db, input, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var user = await db.Users.Include(u => u.Companies).FirstOrDefaultAsync(u => u.Id == userId, ct)
            ?? throw new NotFoundException(Messages.UserNotFound);

        var wasActive = user.IsActive;
        user.FullName = input.FullName.Trim();
        user.IsActive = input.IsActive;
        user.PersonId = input.PersonId;
        var wanted = input.CompanyIds.Distinct().ToHashSet();
        user.Companies.RemoveAll(c => !wanted.Contains(c.CompanyId));
        foreach (var id in wanted.Where(id => user.Companies.All(c => c.CompanyId != id)))
            user.Companies.Add(new UserCompany { UserId = user.Id, CompanyId = id });
        if (user.CurrentCompanyId is int current && !wanted.Contains(current)) user.CurrentCompanyId = wanted.FirstOrDefault() is var f and > 0 ? f : null;
        Check(await users.UpdateAsync(user));

        var roles = await users.GetRolesAsync(user);
        Check(await users.RemoveFromRolesAsync(user, roles.Except(input.Roles)));
        Check(await users.AddToRolesAsync(user, input.Roles.Distinct().Except(roles)));
        if (wasActive && !user.IsActive)
        {
            Check(await users.UpdateSecurityStampAsync(user)); // invalidates cookies at the next validation
            await db.ApiTokens.Where(t => t.UserId == user.Id && t.RevokedAtUtc == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAtUtc, clock.GetUtcNow().UtcDateTime), ct);
        }
        await tx.CommitAsync(ct);
    }

    /// <summary>The linked person must exist; a representative's login must be linked to a person with the representative role.</summary>
    private static async Task EnsureLinkablePersonAsync(FoccoDbContext db, UserInput input, CancellationToken ct)
    {
        if (input.PersonId is not int personId) return;
        var person = await db.Persons.AsNoTracking().Where(p => p.Id == personId).Select(p => new { p.Name, p.Roles }).FirstOrDefaultAsync(ct)
            ?? throw new ValidationException([new ValidationFailure(nameof(UserInput.PersonId), Messages.PersonNotFound)]);
        if (input.Roles.Contains(Identity.Roles.Representative) && !person.Roles.HasFlag(Persons.PersonRoles.Representative))
            throw new ValidationException([new ValidationFailure(nameof(UserInput.PersonId), Messages.Format(nameof(Messages.PersonNotRepresentative), person.Name))]);
    }

    /// <summary>Sets a new password chosen by the administrator and clears any lockout.</summary>
    public async Task ResetPasswordAsync(CurrentUser admin, string userId, string newPassword, CancellationToken ct = default)
    {
        admin.EnsureAdministrator();
        EnsurePassword(newPassword);
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByIdAsync(userId) ?? throw new NotFoundException(Messages.UserNotFound);
        var token = await users.GeneratePasswordResetTokenAsync(user);
        Check(await users.ResetPasswordAsync(user, token, newPassword));
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
    }

    /// <summary>The signed-in user changes their own password.</summary>
    public async Task ChangeOwnPasswordAsync(string userId, string currentPassword, string newPassword, CancellationToken ct = default)
    {
        EnsurePassword(newPassword);
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByIdAsync(userId) ?? throw new NotFoundException(Messages.UserNotFound);
        Check(await users.ChangePasswordAsync(user, currentPassword, newPassword));
    }

    private static void EnsurePassword(string? password)
    {
        var result = new PasswordValidator().Validate(password);
        if (!result.IsValid)
            throw new ValidationException(result.Errors.Select(e => new ValidationFailure(nameof(UserInput.Password), e.ErrorMessage)));
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new ValidationException(result.Errors.Select(e => new ValidationFailure(e.Code, e.Description)));
    }
}
