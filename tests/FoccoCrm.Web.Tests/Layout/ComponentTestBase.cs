using System.Globalization;
using System.Security.Claims;
using Bunit;
using FoccoCrm.Core.Companies;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Tests;
using FoccoCrm.Web.Components.Shared;
using FoccoCrm.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace FoccoCrm.Web.Tests.Layout;

/// <summary>
/// bunit with MudBlazor, the app's localization and Core's real services on in-memory SQLite.
/// </summary>
public abstract class ComponentTestBase : BunitContext, IAsyncLifetime
{
    protected TestDb Db { get; }

    /// <summary>True for tests whose component starts work in the background (a selection run) while the test reads the
    /// database: a SQLite file gives each context its own connection, as in production (the in-memory database has one).</summary>
    protected virtual bool DatabaseOnFile => false;

#pragma warning disable CA2214 // the override only returns a constant
    protected ComponentTestBase() => Db = new TestDb(onFile: DatabaseOnFile);
#pragma warning restore CA2214
    private readonly CultureInfo previousCulture = CultureInfo.CurrentUICulture;

    public virtual async Task InitializeAsync()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("pt-BR");
        await Db.InitializeAsync();
        JSInterop.Mode = JSRuntimeMode.Loose;
        // Renders wait on real SQLite work: give WaitFor* room on a loaded 2-core machine (they return as soon as they pass).
        DefaultWaitTimeout = TimeSpan.FromSeconds(10);
        Services.AddMudServices();
        Services.AddLocalization();
        Services.AddSingleton(Db.Get<UserAccessService>());
        Services.AddSingleton(Db.Get<CompanyService>());
        Services.AddScoped<UserSession>();
        Services.AddScoped<FileDownload>();
        // The shell's notification bell (and live screens) use the change feed and the notification centre.
        Services.AddSingleton(Db.Get<FoccoCrm.Core.Live.IChangeFeed>());
        Services.AddSingleton(Db.Get<FoccoCrm.Core.Notifications.NotificationService>());
        // The FERM0100 type dialog offers occurrence checklists; the person page has an occurrences tab.
        Services.AddSingleton(Db.Get<FoccoCrm.Core.Occurrences.OccurrenceService>());
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

    /// <summary>
    /// Signs <paramref name="user"/> in and renders <typeparamref name="T"/> as the app does: inside a popover provider
    /// (menus, selects) and with the acting user cascaded; <paramref name="url"/> navigates first (query-string presets).
    /// </summary>
    protected IRenderedComponent<IComponent> RenderAs<T>(CurrentUser user, Action<RenderTreeBuilder>? attributes = null, string? url = null)
        where T : IComponent
    {
        SignIn(user);
        if (url is not null) Services.GetRequiredService<NavigationManager>().NavigateTo(url);
        return Render(b =>
        {
            b.OpenComponent<MudBlazor.MudPopoverProvider>(0);
            b.CloseComponent();
            b.OpenComponent<CascadingValue<CurrentUser>>(1);
            b.AddAttribute(2, "Value", user);
            b.AddAttribute(3, "ChildContent", (RenderFragment)(c =>
            {
                c.OpenComponent<T>(4);
                attributes?.Invoke(c);
                c.CloseComponent();
            }));
            b.CloseComponent();
        });
    }

    /// <summary><see cref="RenderAs{T}"/> with parameters by name.</summary>
    protected IRenderedComponent<IComponent> RenderAs<T>(CurrentUser user, params (string Name, object? Value)[] parameters) where T : IComponent =>
        RenderAs<T>(user, b => { foreach (var (name, value) in parameters) b.AddAttribute(5, name, value); });

    protected static void UseCulture(string name) => CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(name);

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Db.DisposeAsync();
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = previousCulture;
    }
}
