using FoccoCrm.Core.Catalogs;
using FoccoCrm.Core.Common;
using FoccoCrm.Core.Data;
using FoccoCrm.Core.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FoccoCrm.Core.Occurrences;

public static class OccurrenceServiceCollectionExtensions
{
    /// <summary>Occurrences (FERM0200/FERM0401), the attachment store, the catalog in-use check and the demo data.</summary>
    public static IServiceCollection AddOccurrences(this IServiceCollection services, IConfiguration configuration)
    {
        // without a content root (tests) the store defaults to a folder under the temp directory
        services.TryAddSingleton(_ => new AttachmentStore(AttachmentOptions(configuration, Path.Combine(Path.GetTempPath(), "foccocrm"))));
        services.AddSingleton<OccurrenceService>();
        services.AddSingleton<ICatalogUsage, OccurrenceCatalogUsage>();
        services.AddScoped<IDemoSeeder, OccurrencesDemoSeeder>();
        return services;
    }

    /// <summary>
    /// The "Attachments" section with the root resolved against <paramref name="contentRoot"/>; without a configured root, the
    /// folder "attachments" next to the SQLite file of <paramref name="connectionString"/> (so files stay with their database).
    /// </summary>
    public static AttachmentOptions AttachmentOptions(IConfiguration configuration, string contentRoot, string? connectionString = null)
    {
        var options = configuration.GetSection(Occurrences.AttachmentOptions.Section).Get<AttachmentOptions>() ?? new AttachmentOptions();
        var configured = configuration[$"{Occurrences.AttachmentOptions.Section}:Root"];
        var dbFile = connectionString is null ? null : new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrWhiteSpace(configured) && !string.IsNullOrEmpty(dbFile) && dbFile != ":memory:" && !dbFile.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
            options.Root = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(dbFile)) ?? contentRoot, "attachments");
        options.Root = Path.GetFullPath(Path.Combine(contentRoot, options.Root));
        return options;
    }
}

/// <summary>Occurrence types and reasons used by occurrences cannot be deleted (deactivate them instead).</summary>
internal sealed class OccurrenceCatalogUsage(IDbContextFactory<FoccoDbContext> dbFactory) : ICatalogUsage
{
    public async Task<string?> FindUseAsync(CatalogEntryRef entry, CancellationToken ct)
    {
        if (entry.Kind is not (CatalogKind.OccurrenceType or CatalogKind.OccurrenceReason)) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var count = entry.Kind == CatalogKind.OccurrenceType
            ? await db.Occurrences.CountAsync(o => o.TypeId == entry.Id, ct)
            : await db.Occurrences.CountAsync(o => o.ReasonId == entry.Id, ct);
        return count == 0 ? null : Messages.Format("CatalogUse_Occurrences", count);
    }
}
