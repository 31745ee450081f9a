using FoccoCrm.Core.Identity;
using FoccoCrm.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;

namespace FoccoCrm.Web.Features.Account;

/// <summary>
/// Sign-in and sign-out are plain form posts (a Blazor circuit cannot set cookies); the login page
/// is statically rendered and posts here. Antiforgery is validated for every form post.
/// </summary>
public static class AccountEndpoints
{
    public const string LoginRateLimitPolicy = "login";
    public const string CultureCookie = ".FoccoCrm.Culture";

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account").ExcludeFromDescription();

        account.MapPost("/signin", async ([FromForm] string? email, [FromForm] string? password, [FromForm] string? returnUrl,
            SignInManager<AppUser> signIn, UserManager<AppUser> users, HttpContext http) =>
        {
            var back = SafeLocalUrl(returnUrl);
            string Fail(string error) => $"/account/login?error={error}&email={Uri.EscapeDataString(email ?? "")}&returnUrl={Uri.EscapeDataString(back)}";

            if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password)) return Results.LocalRedirect(Fail("required"));
            var user = await users.FindByEmailAsync(email.Trim());
            if (user is null) return Results.LocalRedirect(Fail("invalid"));
            if (!user.IsActive) return Results.LocalRedirect(Fail("inactive"));
            var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
            if (result.IsLockedOut) return Results.LocalRedirect(Fail("locked"));
            if (!result.Succeeded) return Results.LocalRedirect(Fail("invalid"));
            if (user.Culture is { } culture) SetCultureCookie(http, culture);
            return Results.LocalRedirect(back);
        }).RequireRateLimiting(LoginRateLimitPolicy);

        account.MapPost("/logout", async (SignInManager<AppUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/account/login");
        });

        // Language switch: remembered in a cookie (read by request localization) and on the user.
        app.MapGet("/culture/set", async (string culture, string? redirectUri, HttpContext http, UserAccessService access) =>
        {
            if (!UserAccessService.SupportedCultures.Contains(culture)) return Results.BadRequest();
            SetCultureCookie(http, culture);
            if (http.User.UserId() is { } userId) await access.SetCultureAsync(userId, culture);
            return Results.LocalRedirect(SafeLocalUrl(redirectUri));
        }).ExcludeFromDescription();

        return app;
    }

    public static void SetCultureCookie(HttpContext http, string culture) =>
        http.Response.Cookies.Append(CultureCookie, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true, Secure = http.Request.IsHttps });

    /// <summary>Only local paths ("/x", not "//host" or "/\host") are followed after sign-in.</summary>
    public static string SafeLocalUrl(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) ? url : "/";
}
