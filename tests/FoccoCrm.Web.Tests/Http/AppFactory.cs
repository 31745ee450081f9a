using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace FoccoCrm.Web.Tests.Http;

/// <summary>The whole app in memory (TestServer) on its own fresh SQLite file.</summary>
public class AppFactory : WebApplicationFactory<Program>
{
    private readonly string dir = Directory.CreateTempSubdirectory("focco-web-").FullName;
    protected virtual string Environment => "Development";
    protected virtual int LoginPerMinute => 1000;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        builder.UseSetting("Database:Path", Path.Combine(dir, "web.db"));
        builder.UseSetting("RateLimit:LoginPerMinute", LoginPerMinute.ToString());
    }

    public HttpClient NoRedirectClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    public async Task<string> TokenAsync(string email, string password = "FoccoDemo#2026")
    {
        var response = await CreateClient().PostAsJsonAsync("/api/auth/token", new { email, password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<TokenBody>())!.Token;
    }

    /// <summary>A client sending a bearer token of <paramref name="email"/> (a demo login) with every request.</summary>
    public async Task<HttpClient> ClientAsAsync(string email)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await TokenAsync(email));
        return client;
    }

    /// <summary>The antiforgery cookie and form token of the login page, as a browser would get them.</summary>
    public async Task<(string Cookie, string Token)> LoginFormAsync(HttpClient client)
    {
        var response = await client.GetAsync("/account/login");
        var html = await response.Content.ReadAsStringAsync();
        var token = Regex.Match(html, "__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        var cookie = response.Headers.GetValues("Set-Cookie").First(c => c.StartsWith(".AspNetCore.Antiforgery")).Split(';')[0];
        return (cookie, token);
    }

    public sealed record TokenBody(string Token, DateTime ExpiresAt);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
    }
}

public sealed class ProductionAppFactory : AppFactory
{
    protected override string Environment => "Production";
}

public sealed class RateLimitedAppFactory : AppFactory
{
    protected override int LoginPerMinute => 3;
}
