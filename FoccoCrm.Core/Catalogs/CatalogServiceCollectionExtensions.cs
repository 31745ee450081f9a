using FoccoCrm.Core.Demo;
using Microsoft.Extensions.DependencyInjection;

namespace FoccoCrm.Core.Catalogs;

public static class CatalogServiceCollectionExtensions
{
    /// <summary>
    /// The catalog services (one <see cref="CatalogService{T}"/> per catalog), the built-in in-use check and the demo data.
    /// Features that reference catalog entries add their own <see cref="ICatalogUsage"/> as a singleton.
    /// </summary>
    public static IServiceCollection AddCatalogs(this IServiceCollection services)
    {
        services.AddSingleton(typeof(CatalogService<>));
        services.AddSingleton<ICatalogUsage, TypeReasonsUsage>();
        services.AddScoped<IDemoSeeder, CatalogDemoSeeder>();
        return services;
    }
}
