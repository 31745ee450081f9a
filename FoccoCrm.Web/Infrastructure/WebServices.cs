using FoccoCrm.Web.Components.Shared;

namespace FoccoCrm.Web.Infrastructure;

public static class WebServices
{
    /// <summary>UI helpers shared by the feature pages.</summary>
    public static IServiceCollection AddFoccoWebHelpers(this IServiceCollection services)
    {
        services.AddScoped<FileDownload>();
        // Occurrence generation runs in the background (it outlives the dialog and the circuit); pages poll its progress.
        services.AddSingleton<Features.Selections.SelectionRunner>();
        services.AddHostedService<Features.Selections.SelectionRunResumer>();
        // One per circuit: live screens (the ticket board) resync when a lost connection comes back.
        services.AddScoped<CircuitConnection>();
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler>(sp => sp.GetRequiredService<CircuitConnection>());
        // The board cards' HTML, shared by every board on this server (see BoardCardMarkup).
        services.AddSingleton<Features.Tickets.Board.BoardCardMarkup>();
        return services;
    }
}
