using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace FoccoCrm.Web.Tests.Http;

public class CommercialApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<(HttpClient Client, int Company)> ClientAsync(string email)
    {
        var client = await app.ClientAsAsync(email);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/me");
        return (client, me.GetProperty("currentCompanyId").GetInt32());
    }

    [Fact]
    public async Task ManagerUpsertsProducts_ThenOrders_AndABadRowIs400WithNothingWritten()
    {
        var (client, company) = await ClientAsync("gestor@foccocrm.demo");
        var products = await client.PostAsJsonAsync($"/api/companies/{company}/products", new[]
        {
            new { code = "API-1", description = "Produto via API", unit = "UN", price = 12.5m },
            new { code = "API-2", description = "Outro via API", unit = "CX", price = 99m },
        });
        Assert.Equal(HttpStatusCode.OK, products.StatusCode);
        var counts = await products.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, counts.GetProperty("inserted").GetInt32());

        object Order(string code, string product) => new
        {
            externalCode = code, customerCode = "ERP000004", issueDate = "2026-11-20",
            items = new[] { new { productCode = product, quantity = 2, unitPrice = 12.5m } },
        };
        var bad = await client.PostAsJsonAsync($"/api/companies/{company}/orders", new[] { Order("API-PED-1", "API-1"), Order("API-PED-2", "NOPE") });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("[1].Items[0].ProductCode", out _), problem.ToString());

        var good = await client.PostAsJsonAsync($"/api/companies/{company}/orders", new[] { Order("API-PED-1", "API-1") });
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        var written = await good.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, written.GetProperty("inserted").GetInt32()); // the bad batch wrote nothing
        Assert.Equal(0, written.GetProperty("updated").GetInt32());
    }

    [Fact]
    public async Task Agent_CannotLoadCommercialData_AndNobodyLoadsIntoAnotherCompany()
    {
        var (agent, company) = await ClientAsync("agente1@foccocrm.demo");
        var refused = await agent.PostAsJsonAsync($"/api/companies/{company}/products", new[] { new { code = "X", description = "X", unit = "UN", price = 1m } });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        var anonymous = await app.CreateClient().PostAsJsonAsync($"/api/companies/{company}/receivables", Array.Empty<object>());
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task OpenApi_DocumentsTheUpserts()
    {
        var doc = await app.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = doc.GetProperty("paths");
        foreach (var kind in new[] { "products", "quotes", "orders", "invoices", "receivables", "contracts" })
        {
            var post = paths.GetProperty($"/api/companies/{{companyId}}/{kind}").GetProperty("post");
            Assert.True(post.GetProperty("responses").TryGetProperty("400", out _), kind);
            Assert.False(string.IsNullOrEmpty(post.GetProperty("summary").GetString()));
        }
    }
}
