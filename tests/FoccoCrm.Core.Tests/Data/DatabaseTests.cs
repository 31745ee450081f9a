using FoccoCrm.Core.Data;
using FoccoCrm.Core.Demo;
using FoccoCrm.Core.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FoccoCrm.Core.Tests.Data;

public sealed class DatabaseTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("focco-db-").FullName;

    private ServiceProvider FileDatabase(bool demo)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Path"] = "data/foccocrm.db",
            ["DemoData:Enabled"] = demo ? "true" : "false",
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddFoccoCore(configuration, contentRoot: dir);
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task FileDatabase_IsCreatedByMigrations_InWalModeWithSynchronousFull()
    {
        await using var sp = FileDatabase(demo: false);
        await sp.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        Assert.True(File.Exists(Path.Combine(dir, "data", "foccocrm.db")));

        await using var db = await sp.GetRequiredService<IDbContextFactory<FoccoDbContext>>().CreateDbContextAsync();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();
        Assert.Equal("wal", await Scalar(connection, "PRAGMA journal_mode;"));
        Assert.Equal("2", await Scalar(connection, "PRAGMA synchronous;")); // 2 = FULL
        Assert.Equal("1", await Scalar(connection, "PRAGMA foreign_keys;"));
    }

    [Fact]
    public async Task DemoData_CreatesTwoCompaniesAndFiveLogins_Once()
    {
        await using var sp = FileDatabase(demo: true);
        var init = sp.GetRequiredService<DatabaseInitializer>();
        await init.InitializeAsync();
        await init.InitializeAsync(); // second start: nothing added

        await using var db = await sp.GetRequiredService<IDbContextFactory<FoccoDbContext>>().CreateDbContextAsync();
        Assert.Equal(2, await db.Companies.CountAsync());
        Assert.Equal(FoundationDemoSeeder.Logins.Count, await db.Users.CountAsync());

        await using var scope = sp.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var access = sp.GetRequiredService<UserAccessService>();
        foreach (var (email, role, both) in FoundationDemoSeeder.Logins)
        {
            var user = (await users.FindByEmailAsync(email))!;
            Assert.True(await users.CheckPasswordAsync(user, FoundationDemoSeeder.Password), email);
            var current = (await access.LoadAsync(user.Id))!;
            Assert.Equal([role], current.Roles);
            Assert.Equal(both ? 2 : 1, current.Companies.Count);
        }
        Assert.All(await db.Companies.ToListAsync(), c => Assert.True(Core.Common.Cnpj.IsValid(c.Cnpj)));
    }

    [Fact]
    public async Task DemoData_IsNotCreatedWhenDisabled()
    {
        await using var sp = FileDatabase(demo: false);
        await sp.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await using var db = await sp.GetRequiredService<IDbContextFactory<FoccoDbContext>>().CreateDbContextAsync();
        Assert.Equal(0, await db.Users.CountAsync());
        Assert.Equal(Roles.All.Count, await db.Roles.CountAsync());
    }

    [Fact]
    public void ConnectionString_FromConfigurationWinsOverPath()
    {
        Assert.Equal("Data Source=x.db", DatabaseOptions.ResolveConnectionString("Data Source=x.db", "ignored.db", dir));
        Assert.Contains(Path.Combine(dir, "App_Data", "foccocrm.db"), DatabaseOptions.ResolveConnectionString(null, null, dir));
    }

    private static async Task<string?> Scalar(System.Data.Common.DbConnection connection, string sql)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToString(await cmd.ExecuteScalarAsync());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
    }
}
