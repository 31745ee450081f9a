using System.Net;

namespace FoccoCrm.Web.Tests.Http;

public class LoginTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static FormUrlEncodedContent Form(string token, string email, string password, string returnUrl = "/") => new(new Dictionary<string, string>
    {
        ["__RequestVerificationToken"] = token, ["email"] = email, ["password"] = password, ["returnUrl"] = returnUrl,
    });

    private async Task<HttpResponseMessage> PostLoginAsync(string email, string password, string returnUrl = "/")
    {
        var client = app.NoRedirectClient();
        var (cookie, token) = await app.LoginFormAsync(client);
        var request = new HttpRequestMessage(HttpMethod.Post, "/account/signin") { Content = Form(token, email, password, returnUrl) };
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task CorrectPassword_SetsAnHttpOnlySameSiteCookie_AndGoesBack()
    {
        var response = await PostLoginAsync("agente1@foccocrm.demo", "FoccoDemo#2026", "/profile");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/profile", response.Headers.Location?.OriginalString);
        var auth = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".FoccoCrm.Auth="));
        Assert.Contains("httponly", auth, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", auth, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task WrongPassword_GoesBackToLoginWithAnError()
    {
        var response = await PostLoginAsync("agente1@foccocrm.demo", "wrong password");
        Assert.StartsWith("/account/login?error=invalid", response.Headers.Location?.OriginalString);
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var c) ? c : [], x => x.StartsWith(".FoccoCrm.Auth="));
    }

    [Fact]
    public async Task ExternalReturnUrl_IsNotFollowed()
    {
        var response = await PostLoginAsync("agente1@foccocrm.demo", "FoccoDemo#2026", "//evil.example/x");
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task FormPostWithoutAntiforgeryToken_IsRejected()
    {
        var client = app.NoRedirectClient();
        var response = await client.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = "agente1@foccocrm.demo", ["password"] = "FoccoDemo#2026",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task RepeatedFailures_LockTheAccount()
    {
        for (var i = 0; i < 5; i++) await PostLoginAsync("representante@foccocrm.demo", "wrong password");
        var response = await PostLoginAsync("representante@foccocrm.demo", "FoccoDemo#2026");
        Assert.StartsWith("/account/login?error=locked", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task ProtectedPage_RedirectsAnonymousUsersToLogin()
    {
        var response = await app.NoRedirectClient().GetAsync("/admin/companies");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login", response.Headers.Location?.ToString());
    }
}

public class RateLimitTests(RateLimitedAppFactory app) : IClassFixture<RateLimitedAppFactory>
{
    [Fact]
    public async Task TokenEndpoint_IsRateLimited()
    {
        var client = app.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            var response = await client.PostAsync("/api/auth/token",
                new StringContent("""{"email":"nobody@x.test","password":"whatever password"}""", System.Text.Encoding.UTF8, "application/json"));
            statuses.Add(response.StatusCode);
        }
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }
}
