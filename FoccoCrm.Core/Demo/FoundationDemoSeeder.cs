using FoccoCrm.Core.Common;
using FoccoCrm.Core.Companies;
using FoccoCrm.Core.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace FoccoCrm.Core.Demo;

/// <summary>Two companies and the five demo logins (README lists them).</summary>
public sealed class FoundationDemoSeeder(UserManager<AppUser> users) : IDemoSeeder
{
    public const string Password = "FoccoDemo#2026";

    public static readonly IReadOnlyList<(string Email, string Role, bool BothCompanies)> Logins =
    [
        ("admin@foccocrm.demo", Roles.Administrator, true),
        ("gestor@foccocrm.demo", Roles.Manager, true),
        ("agente1@foccocrm.demo", Roles.Agent, false),
        ("agente2@foccocrm.demo", Roles.Agent, false),
        ("representante@foccocrm.demo", Roles.Representative, false),
    ];

    public int Order => 0;

    public async Task SeedAsync(DemoSeedContext context, CancellationToken ct)
    {
        var f = context.Faker;
        var now = context.Clock.GetUtcNow().UtcDateTime;
        var companies = new[]
        {
            Company.Create(new CompanyInput { Code = "01", Name = "Metalúrgica " + f.Address.City() + " Ltda.", Cnpj = RandomCnpj(f), TimeZoneId = "America/Sao_Paulo" }, now),
            Company.Create(new CompanyInput { Code = "02", Name = f.Company.CompanyName(0) + " Distribuidora S.A.", Cnpj = RandomCnpj(f), TimeZoneId = "America/Manaus" }, now),
        };
        context.Db.Companies.AddRange(companies);
        await context.Db.SaveChangesAsync(ct);
        context.Items["companies"] = companies.Select(c => c.Id).ToArray();

        foreach (var (email, role, both) in Logins)
        {
            var ids = both ? companies.Select(c => c.Id) : [companies[0].Id];
            var user = new AppUser
            {
                UserName = email, Email = email, EmailConfirmed = true, FullName = f.Name.FullName(), IsActive = true,
                CreatedAtUtc = now, LockoutEnabled = true, CurrentCompanyId = companies[0].Id,
                Companies = ids.Select(id => new UserCompany { CompanyId = id }).ToList(),
            };
            Ensure(await users.CreateAsync(user, Password));
            Ensure(await users.AddToRoleAsync(user, role));
        }
        context.Logger.LogInformation("Demo data: {Companies} companies and {Users} logins created", companies.Length, Logins.Count);
    }

    /// <summary>A valid numeric CNPJ with branch 0001, as Brazilian head offices have.</summary>
    public static string RandomCnpj(Bogus.Faker f) => Cnpj.WithCheckDigits(f.Random.ReplaceNumbers("########") + "0001");

    private static void Ensure(IdentityResult r)
    {
        if (!r.Succeeded) throw new InvalidOperationException(string.Join("; ", r.Errors.Select(e => e.Description)));
    }
}
