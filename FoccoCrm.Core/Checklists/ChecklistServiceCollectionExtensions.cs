using FoccoCrm.Core.Catalogs;
using FoccoCrm.Core.Common;
using FoccoCrm.Core.Data;
using FoccoCrm.Core.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FoccoCrm.Core.Checklists;

public static class ChecklistServiceCollectionExtensions
{
    /// <summary>Question bank, checklists and their designer, person additional data, the catalog in-use check and the demo data.</summary>
    public static IServiceCollection AddChecklists(this IServiceCollection services)
    {
        services.AddSingleton<QuestionService>();
        services.AddSingleton<ChecklistService>();
        services.AddSingleton<ChecklistDesignService>();
        services.AddSingleton<PersonChecklistService>();
        services.AddSingleton<ICatalogUsage, ChecklistCatalogUsage>();
        services.AddScoped<IDemoSeeder, ChecklistsDemoSeeder>();
        return services;
    }
}

/// <summary>Question groupers used by bank questions and checklist types used by checklists cannot be deleted.</summary>
internal sealed class ChecklistCatalogUsage(IDbContextFactory<FoccoDbContext> dbFactory) : ICatalogUsage
{
    public async Task<string?> FindUseAsync(CatalogEntryRef entry, CancellationToken ct)
    {
        if (entry.Kind is not (CatalogKind.QuestionGrouper or CatalogKind.ChecklistType)) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (entry.Kind == CatalogKind.QuestionGrouper)
        {
            var count = await db.Questions.CountAsync(q => q.GrouperId == entry.Id, ct);
            return count == 0 ? null : Messages.Format(nameof(ChecklistMessages.ChecklistUse_Questions), count);
        }
        var checklists = await db.Checklists.CountAsync(c => c.TypeId == entry.Id, ct);
        return checklists == 0 ? null : Messages.Format(nameof(ChecklistMessages.ChecklistUse_Checklists), checklists);
    }
}
