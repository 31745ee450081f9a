using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace FoccoCrm.Web.Tests.Http;

public class ApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    private Task<HttpClient> ClientAsync(string email) => app.ClientAsAsync(email);

    [Fact]
    public async Task Me_WithoutToken_Is401ProblemDetails()
    {
        var response = await app.CreateClient().GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(401, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task UnknownApiAddress_Is404ProblemDetails_NotThePageNotFound()
    {
        var client = await ClientAsync("admin@foccocrm.demo");
        foreach (var path in new[] { "/api/nonexistent", "/api/companies/1/tickets/1/history" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(404, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32());
        }
        // A page address that does not exist still gets the app's page.
        var page = await app.CreateClient().GetAsync("/nonexistent-page");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Token_WithWrongPassword_Is401()
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/auth/token", new { email = "gestor@foccocrm.demo", password = "nope nope nope" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Token_IsShortLived()
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/auth/token", new { email = "gestor@foccocrm.demo", password = "FoccoDemo#2026" });
        var body = await response.Content.ReadFromJsonAsync<AppFactory.TokenBody>();
        Assert.InRange(body!.ExpiresAt - DateTime.UtcNow, TimeSpan.FromMinutes(25), TimeSpan.FromMinutes(31));
    }

    [Fact]
    public async Task Me_ReturnsEmailNameRolesAndCompanies()
    {
        var me = await (await ClientAsync("admin@foccocrm.demo")).GetFromJsonAsync<JsonElement>("/api/me");
        Assert.Equal("admin@foccocrm.demo", me.GetProperty("email").GetString());
        Assert.False(string.IsNullOrWhiteSpace(me.GetProperty("name").GetString()));
        Assert.Equal(["Administrator"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        var companies = me.GetProperty("companies").EnumerateArray().ToList();
        Assert.Equal(2, companies.Count);
        Assert.All(companies, c => { c.GetProperty("id"); c.GetProperty("code"); c.GetProperty("name"); });
    }

    [Fact]
    public async Task Agent_CannotReadAnotherCompany_ThroughTheApi()
    {
        var admin = await ClientAsync("admin@foccocrm.demo");
        var all = await admin.GetFromJsonAsync<JsonElement>("/api/companies");
        var company2 = all.EnumerateArray().Single(c => c.GetProperty("code").GetString() == "02").GetProperty("id").GetInt32();

        var agent = await ClientAsync("agente1@foccocrm.demo");
        Assert.Equal(["01"], (await agent.GetFromJsonAsync<JsonElement>("/api/companies")).EnumerateArray().Select(c => c.GetProperty("code").GetString()));
        var response = await agent.GetAsync($"/api/companies/{company2}");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task PersonalToken_CanBeCreatedUsedAndRevoked()
    {
        var client = await ClientAsync("agente2@foccocrm.demo");
        var created = await (await client.PostAsJsonAsync("/api/me/tokens", new { name = "ERP sync", validDays = 30 })).Content.ReadFromJsonAsync<AppFactory.TokenBody>();

        var personal = app.CreateClient();
        personal.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created!.Token);
        Assert.Equal(HttpStatusCode.OK, (await personal.GetAsync("/api/me")).StatusCode);

        var tokens = await client.GetFromJsonAsync<JsonElement>("/api/me/tokens");
        var id = tokens.EnumerateArray().Single(t => t.GetProperty("name").GetString() == "ERP sync").GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/me/tokens/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await personal.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task PersonalToken_WithoutName_Is400ValidationProblem()
    {
        var client = await ClientAsync("gestor@foccocrm.demo");
        var response = await client.PostAsJsonAsync("/api/me/tokens", new { name = "", validDays = 30 });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("errors", out _));
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheApi_AndTheReferencePageIsServed()
    {
        var doc = await app.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = doc.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/auth/token", out _));
        Assert.True(paths.TryGetProperty("/api/me", out _));
        var page = await app.CreateClient().GetAsync("/scalar");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("text/html", page.Content.Headers.ContentType?.ToString());
    }
}
