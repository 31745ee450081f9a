using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FoccoCrm.Web.Tests.Http;

public class HostTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public void Development_ReadsTheRepositoryAppsettingsDevelopmentJson()
    {
        var config = app.Services.GetRequiredService<IConfiguration>();
        Assert.Equal("repository appsettings.Development.json", config["App:ConfigurationSource"]);
        Assert.Equal("true", config["DemoData:Enabled"], ignoreCase: true);
    }

    [Fact]
    public void PopoverCleanup_DoesNotWakeEveryCircuitTwiceASecond()
    {
        // MudBlazor's default (0.5 s) keeps a timer per circuit firing twice a second for the circuit's whole life.
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<MudBlazor.PopoverOptions>>().Value;
        Assert.True(options.QueueDelay >= TimeSpan.FromSeconds(5), $"QueueDelay is {options.QueueDelay}");
    }

    [Fact]
    public async Task Health_ReportsTheDatabaseReachable()
    {
        var response = await app.CreateClient().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/css/app.css", "text/css", ".account-card")]
    [InlineData("/img/logo.svg", "image/svg+xml", "<svg")]
    [InlineData("/js/app.js", "text/javascript", "startShell")]
    public async Task OwnStaticFiles_AreServedFromWwwrootAssets(string path, string contentType, string content)
    {
        var response = await app.CreateClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains(content, body);
        var root = Infrastructure.RepositoryFiles.FindRepositoryRoot(AppContext.BaseDirectory)!;
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(root, "wwwroot-assets", path.TrimStart('/'))), body);
    }

    [Fact]
    public async Task Pages_CarrySecurityHeaders()
    {
        var response = await app.CreateClient().GetAsync("/account/login");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = string.Join("", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task LoginPage_IsInPortugueseByDefault_AndEnglishByCookie()
    {
        var pt = await (await app.CreateClient().GetAsync("/account/login")).Content.ReadAsStringAsync();
        Assert.Contains("lang=\"pt-BR\"", pt);
        Assert.Contains(">Entrar</button>", pt);

        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("Cookie", ".FoccoCrm.Culture=c%3Den-US%7Cuic%3Den-US");
        var en = await (await client.GetAsync("/account/login")).Content.ReadAsStringAsync();
        Assert.Contains(">Sign in</button>", en);
    }

    [Fact]
    public async Task UnknownPage_Returns404WithTheAppsPage()
    {
        var response = await app.CreateClient().GetAsync("/no/such/page");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

public class ProductionHostTests(ProductionAppFactory app) : IClassFixture<ProductionAppFactory>
{
    [Fact]
    public async Task Production_IgnoresTheDevelopmentSettings_AndSeedsNoDemoData()
    {
        var config = app.Services.GetRequiredService<IConfiguration>();
        Assert.Null(config["App:ConfigurationSource"]);
        var response = await app.CreateClient().PostAsync("/api/auth/token",
            new StringContent("""{"email":"admin@foccocrm.demo","password":"FoccoDemo#2026"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
