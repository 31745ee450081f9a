using System.Globalization;
using System.Security.Claims;
using Bunit;
using FoccoCrm.Core.Companies;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Tests;
using FoccoCrm.Web.Components.Shared;
using FoccoCrm.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace FoccoCrm.Web.Tests.Layout;

/// <summary>
/// bunit with MudBlazor, the app's localization and Core's real services on in-memory SQLite.
/// </summary>
public abstract class ComponentTestBase : BunitContext, IAsyncLifetime
{
    protected TestDb Db { get; } = new();
    private readonly CultureInfo previousCulture = CultureInfo.CurrentUICulture;

    public virtual async Task InitializeAsync()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("pt-BR");
        await Db.InitializeAsync();
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLocalization();
        Services.AddSingleton(Db.Get<UserAccessService>());
        Services.AddSingleton(Db.Get<CompanyService>());
        Services.AddScoped<UserSession>();
        Services.AddScoped<FileDownload>();
    }

    /// <summary>Signs a user in for the rendered components (claims like the cookie's).</summary>
    protected void SignIn(CurrentUser user)
    {
        var auth = AddAuthorization();
        auth.SetAuthorized(user.Email);
        auth.SetRoles([.. user.Roles]);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, user.Id));
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    protected static void UseCulture(string name) => CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(name);

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Db.DisposeAsync();
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = previousCulture;
    }
}
