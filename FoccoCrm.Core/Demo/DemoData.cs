using FoccoCrm.Core.Data;
using Microsoft.Extensions.Logging;

namespace FoccoCrm.Core.Demo;

/// <summary>Configuration section "DemoData". On in Development (appsettings.Development.json), off elsewhere unless asked.</summary>
public sealed class DemoDataOptions
{
    public const string Section = "DemoData";
    public bool Enabled { get; set; }
    /// <summary>Seed of the random generator, so every fresh database gets the same demo records.</summary>
    public int RandomSeed { get; set; } = 2026;
}

/// <summary>
/// One feature's demo records. Each feature registers one; they run in <see cref="Order"/> once,
/// on the first start of an empty database (see <see cref="DatabaseInitializer"/>).
/// </summary>
public interface IDemoSeeder
{
    int Order { get; }
    Task SeedAsync(DemoSeedContext context, CancellationToken ct);
}

/// <summary>What seeders share: a deterministic pt-BR faker, the clock, and what earlier seeders made.</summary>
public sealed class DemoSeedContext(FoccoDbContext db, int randomSeed, TimeProvider clock, ILogger logger)
{
    public FoccoDbContext Db { get; } = db;
    public Bogus.Faker Faker { get; } = new("pt_BR") { Random = new Bogus.Randomizer(randomSeed) };
    public int RandomSeed { get; } = randomSeed;
    public TimeProvider Clock { get; } = clock;
    public ILogger Logger { get; } = logger;
    /// <summary>Free-form bag for seeders to pass ids to later ones (e.g. "companies").</summary>
    public Dictionary<string, object> Items { get; } = [];
}
