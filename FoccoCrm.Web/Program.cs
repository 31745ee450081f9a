using System.Globalization;
using System.Threading.RateLimiting;
using FoccoCrm.Core;
using FoccoCrm.Core.Data;
using FoccoCrm.Core.Demo;
using FoccoCrm.Core.Identity;
using FoccoCrm.Web.Api;
using FoccoCrm.Web.Components;
using FoccoCrm.Web.Features.Account;
using FoccoCrm.Web.Features.Workflow;
using FoccoCrm.Web.Infrastructure;
using FoccoCrm.Web.Infrastructure.Diagnostics;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);
RepositoryFiles.AddRootDevelopmentSettings(builder);

// Core: data (SQLite through IDbContextFactory), Identity stores, feature services.
builder.Services.AddFoccoCore(builder.Configuration, builder.Environment.ContentRootPath);
// Workflow e-mails (FCRM0201): Razor templates for the HTML parts and the Coravel jobs (schedules, outbox).
builder.Services.AddWorkflowWeb();

// UI
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddMudServices(c =>
{
    c.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomRight;
    // MudBlazor's popover service (one per circuit) wakes every QueueDelay, for the whole circuit's life, to detach closed
    // popovers in the browser (default 0.5 s: 2,000 timer wake-ups a second with a thousand boards open, a fifth of the
    // app's CPU measured by perf). Closed popovers leave the page at once either way; only their browser-side clean-up waits.
    c.PopoverOptions.QueueDelay = PopoverCleanupDelay;
});
builder.Services.AddLocalization();
builder.Services.AddCascadingAuthenticationState();
builder.Services.AddSingleton<SignedInUsers>();
builder.Services.AddScoped<AuthenticationStateProvider, RevalidatingAuthStateProvider>();
builder.Services.AddScoped<UserSession>();
builder.Services.AddFoccoWebHelpers();
builder.Services.AddHttpContextAccessor();

// Cookie and antiforgery keys live next to the database, so sign-ins survive restarts and redeploys.
builder.Services.AddDataProtection().SetApplicationName("FoccoCrm")
    .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(builder.Environment.ContentRootPath, builder.Configuration["DataProtection:KeysPath"] ?? "App_Data/keys")));

// Logins: Identity cookies for the app, bearer tokens for /api.
new IdentityBuilder(typeof(AppUser), typeof(IdentityRole), builder.Services).AddSignInManager();
builder.Services.AddAuthentication(o =>
    {
        o.DefaultScheme = IdentityConstants.ApplicationScheme;
        o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
    })
    .AddIdentityCookies();
builder.Services.AddAuthentication()
    .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null);
builder.Services.ConfigureApplicationCookie(o =>
{
    o.Cookie.Name = ".FoccoCrm.Auth";
    o.Cookie.HttpOnly = true;
    o.Cookie.SameSite = SameSiteMode.Lax;
    o.Cookie.SecurePolicy = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
    o.LoginPath = "/account/login";
    o.LogoutPath = "/account/logout";
    o.AccessDeniedPath = "/account/denied";
    o.ExpireTimeSpan = TimeSpan.FromHours(10);
    o.SlidingExpiration = true;
});
builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
builder.Services.AddAuthorization();
builder.Services.AddRateLimiter(o =>
{
    // Login and token endpoints: 10 attempts a minute per client address (Identity's lockout protects each account).
    o.AddPolicy(AccountEndpoints.LoginRateLimitPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
        http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
        _ => new FixedWindowRateLimiterOptions { PermitLimit = builder.Configuration.GetValue("RateLimit:LoginPerMinute", 10), Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    o.OnRejected = async (ctx, ct) =>
    {
        ctx.HttpContext.Response.Headers.RetryAfter = "60";
        if (ctx.HttpContext.Request.Path.StartsWithSegments("/account"))
            ctx.HttpContext.Response.Redirect("/account/login?error=ratelimited");
        else
        {
            ctx.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            await Results.Problem(statusCode: 429, title: "Too many requests", detail: "Too many sign-in attempts. Wait a minute.").ExecuteAsync(ctx.HttpContext);
        }
    };
});

// HTTP API, OpenAPI, problem details, health.
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ProblemMapping>();
builder.Services.AddOpenApi(o => o.AddDocumentTransformer((doc, _, _) =>
{
    doc.Info.Title = "FoccoCrm API";
    doc.Info.Description = "Bearer tokens: POST /api/auth/token, or a personal token from your profile page.";
    return Task.CompletedTask;
}));
builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
// Benchmark diagnostics: only with Diagnostics:Enabled=true in Development (see Infrastructure/Diagnostics).
builder.AddFoccoDiagnostics();

var app = builder.Build();

await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
PrintDemoLogins(app);
app.Services.UseWorkflowJobs();
// Migrations and demo seeding are one-off work: give their garbage back to the OS before serving.
GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);

// Bad requests (e.g. a stale antiforgery token) keep their 400; anything else is a 500 with the error page / problem details.
Func<Exception, int> statusOf = ex => ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError;
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandlingPath = "/error", CreateScopeForErrors = true, StatusCodeSelector = statusOf });
    app.UseHsts();
}
else
{
    app.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = statusOf });
}
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseSecurityHeaders();
var cultures = UserAccessService.SupportedCultures.Select(c => new CultureInfo(c)).ToList();
app.UseRequestLocalization(o =>
{
    o.DefaultRequestCulture = new RequestCulture(app.Configuration["Localization:DefaultCulture"] ?? "pt-BR");
    o.SupportedCultures = cultures;
    o.SupportedUICultures = cultures;
    // pt-BR first: the language is the user's explicit choice (cookie), not the browser's.
    o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider { CookieName = AccountEndpoints.CultureCookie }];
});
app.UseStaticFiles(new StaticFileOptions { FileProvider = RepositoryFiles.AssetsProvider(app.Environment.ContentRootPath) });
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapAccountEndpoints();
app.MapFoccoApi();
app.MapCommercialApi();
app.MapTicketApi();
app.MapFoccoImportApi();
app.MapOccurrenceApi();
app.MapSelectionApi();
app.MapOpenApi();
app.MapScalarApiReference("/scalar", o => o.WithTitle("FoccoCrm API").WithOpenApiRoutePattern("/openapi/{documentName}.json").DisableDefaultFonts());
app.MapHealthChecks("/health");
app.MapFoccoDiagnostics();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();

static void PrintDemoLogins(WebApplication app)
{
    if (!app.Services.GetRequiredService<IOptions<DemoDataOptions>>().Value.Enabled) return;
    app.Logger.LogInformation("Demo logins (password {Password}): {Logins}", FoundationDemoSeeder.Password,
        string.Join(", ", FoundationDemoSeeder.Logins.Select(l => $"{l.Email} ({l.Role})")));
    // Also as a readable block on the console for someone who just ran the app.
    Console.WriteLine($"{Environment.NewLine}  FoccoCrm demo logins — password {FoundationDemoSeeder.Password}");
    foreach (var (email, role, _) in FoundationDemoSeeder.Logins) Console.WriteLine($"    {email,-30} {role}");
    Console.WriteLine();
}

/// <summary>Entry point; public for WebApplicationFactory in the tests.</summary>
public partial class Program
{
    /// <summary>How often a circuit's popover service detaches closed popovers in the browser (see AddMudServices).</summary>
    internal static readonly TimeSpan PopoverCleanupDelay = TimeSpan.FromSeconds(10);
}
