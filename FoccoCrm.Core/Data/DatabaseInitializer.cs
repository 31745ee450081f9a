using FoccoCrm.Core.Demo;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Persons;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FoccoCrm.Core.Data;

/// <summary>At startup: apply migrations, make sure the roles exist, and seed demo data once when asked.</summary>
public sealed class DatabaseInitializer(IServiceProvider services, ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<FoccoDbContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} migration(s): {Migrations}", pending.Count, pending);
            await db.Database.MigrateAsync(ct);
        }
        await PersonListSchema.EnsureAsync(db, ct);

        var roles = sp.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role))
                await roles.CreateAsync(new IdentityRole(role));

        var demo = sp.GetRequiredService<IOptions<DemoDataOptions>>().Value;
        if (demo.Enabled && !await db.Companies.AnyAsync(ct) && !await db.Users.AnyAsync(ct))
        {
            logger.LogInformation("Empty database: creating demo data");
            var context = new DemoSeedContext(db, demo.RandomSeed, sp.GetRequiredService<TimeProvider>(), logger);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            foreach (var seeder in sp.GetServices<IDemoSeeder>().OrderBy(s => s.Order))
                await seeder.SeedAsync(context, ct);
            await tx.CommitAsync(ct);
            // Demo data is made once per database: drop Bogus' in-memory locale tables (reloaded on demand).
            if (Bogus.Database.Data.IsValueCreated) Bogus.Database.Data.Value.Clear();
        }
    }
}
