using FoccoCrm.Core.Companies;
using FoccoCrm.Core.Data;
using FoccoCrm.Core.Demo;
using FoccoCrm.Core.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FoccoCrm.Core.Tests;

/// <summary>
/// Core's real services on a real SQLite database (in memory, kept alive by an open connection),
/// migrated like production. One per test class instance: tests never share data.
/// </summary>
/// <remarks><paramref name="onFile"/>: a SQLite file in the temp folder instead, each context with its own connection as in
/// production — for code that uses several contexts at once (the outbox's parallel SMTP connections).</remarks>
public sealed class TestDb(Action<IServiceCollection>? configureServices = null, bool onFile = false) : IAsyncLifetime
{
    private readonly string? file = onFile ? Path.Combine(Path.GetTempPath(), $"foccocrm-test-{Guid.NewGuid():N}.db") : null;
    private readonly SqliteConnection connection = new("Data Source=:memory:");
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
    public ServiceProvider Services { get; private set; } = default!;

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public async Task InitializeAsync()
    {
        if (file is null) await connection.OpenAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["DemoData:Enabled"] = "false" }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(Clock);
        services.AddFoccoCore(configuration, o => { if (file is null) o.UseSqlite(connection); else o.UseSqlite($"Data Source={file}"); });
        configureServices?.Invoke(services); // test doubles (e.g. an extra ICatalogUsage)
        Services = services.BuildServiceProvider();
        await Get<DatabaseInitializer>().InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Services.DisposeAsync();
        await connection.DisposeAsync();
        if (file is null) return;
        SqliteConnection.ClearAllPools();
        foreach (var f in new[] { file, file + "-wal", file + "-shm" })
            if (File.Exists(f)) File.Delete(f);
    }

    public async Task<FoccoDbContext> DbAsync() => await Get<IDbContextFactory<FoccoDbContext>>().CreateDbContextAsync();

    /// <summary>A company created directly (no permission check), with a valid CNPJ.</summary>
    public async Task<int> CompanyAsync(string code, bool active = true)
    {
        await using var db = await DbAsync();
        var company = Company.Create(new CompanyInput
        {
            Code = code, Name = "Empresa " + code, IsActive = active,
            Cnpj = Core.Common.Cnpj.WithCheckDigits((code.GetHashCode() & 0x7fffffff).ToString("D8")[..8] + "0001"),
        }, Clock.GetUtcNow().UtcDateTime);
        db.Companies.Add(company);
        await db.SaveChangesAsync();
        return company.Id;
    }

    /// <summary>A login with a role and access to companies, loaded as the services see it.</summary>
    public async Task<CurrentUser> UserAsync(string email, string role, params int[] companyIds)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser
        {
            UserName = email, Email = email, FullName = email.Split('@')[0], IsActive = true, LockoutEnabled = true,
            Companies = companyIds.Select(id => new UserCompany { CompanyId = id }).ToList(),
        };
        var created = await users.CreateAsync(user, FoundationDemoSeeder.Password);
        Assert.True(created.Succeeded, string.Join(";", created.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, role);
        return (await Get<UserAccessService>().LoadAsync(user.Id))!;
    }

    /// <summary>Links a login to its person directly (what FUTL0110's "Pessoa vinculada" saves).</summary>
    public async Task LinkPersonAsync(string userId, int personId)
    {
        await using var db = await DbAsync();
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.PersonId, personId));
    }
}

/// <summary>Base of test classes that each get their own migrated database.</summary>
public abstract class DbTest : IAsyncLifetime
{
#pragma warning disable IDE1006 // short name reads well in tests
    protected TestDb t { get; } = new();
#pragma warning restore IDE1006
    public Task InitializeAsync() => t.InitializeAsync();
    public Task DisposeAsync() => t.DisposeAsync();
}

/// <summary>
/// A database seeded with the demo data the way the app seeds it on first start (DemoData:Enabled), for the demo-data
/// tests of each feature; <see cref="Clock"/> stands at <paramref name="now"/> (default 2026-11-27 12:00 UTC).
/// </summary>
public abstract class DemoDataTest(DateTimeOffset? now = null) : IAsyncLifetime
{
    private readonly Microsoft.Data.Sqlite.SqliteConnection connection = new("Data Source=:memory:");

    protected Microsoft.Extensions.Time.Testing.FakeTimeProvider Clock { get; } = new(now ?? new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
    protected ServiceProvider Services { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        await connection.OpenAsync();
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["DemoData:Enabled"] = "true" }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(Clock);
        services.AddFoccoCore(configuration, o => o.UseSqlite(connection));
        Services = services.BuildServiceProvider();
        await Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Services.DisposeAsync();
        await connection.DisposeAsync();
    }
}
