using FoccoCrm.Web.Components.Shared;

namespace FoccoCrm.Web.Infrastructure;

public static class WebServices
{
    /// <summary>UI helpers shared by the feature pages.</summary>
    public static IServiceCollection AddFoccoWebHelpers(this IServiceCollection services) =>
        services.AddScoped<FileDownload>();
}
