using FluentValidation;
using FoccoCrm.Core.Commercial;
using FoccoCrm.Core.Common;
using FoccoCrm.Core.Identity;
using Microsoft.EntityFrameworkCore;
using static FoccoCrm.Core.Tests.Commercial.CommercialTestData;

namespace FoccoCrm.Core.Tests.Commercial;

public sealed class CommercialUpsertServiceTests : DbTest
{
    private async Task<CommercialTestData> DataAsync() => await new CommercialTestData(t).SetUpAsync();

    [Fact]
    public async Task UpsertProducts_GoodBatch_InsertsNewAndUpdatesExistingByCode()
    {
        var d = await DataAsync();
        var result = await d.Upserts.UpsertProductsAsync(d.Admin, d.Company,
            [Product("P1", "Parafuso M8 zincado", 11.255m), Product("P9", "Porca M8", 2m) with { Unit = "cx" }]);

        Assert.Equal(new UpsertResult(1, 1), result);
        var page = await d.Reads.ListProductsAsync(d.Admin, d.Company, new CommercialQuery { Sort = CommercialSort.Code, Descending = false });
        Assert.Equal(["P1", "P2", "P3", "P9"], page.Items.Select(p => p.Code));
        Assert.Equal("Parafuso M8 zincado", page.Items[0].Description);
        Assert.Equal(11.26m, page.Items[0].Price);
        Assert.Equal("CX", page.Items[3].Unit);
    }

    [Fact]
    public async Task UpsertOrders_GoodBatch_WritesHeadersItemsAndTotals_AndAnUpdateReplacesTheItems()
    {
        var d = await DataAsync();
        var result = await d.Upserts.UpsertSalesOrdersAsync(d.Admin, d.Company,
        [
            Order("PED1", "C1", Today.AddDays(-10), ("P1", 10, 10m), ("P2", 2, 35.5m)),
            Order("PED2", "C2", Today.AddDays(-5), ("P3", 1.5m, 250m)),
        ]);
        Assert.Equal(new UpsertResult(2, 0), result);

        Assert.Equal(new UpsertResult(0, 1), await d.Upserts.UpsertSalesOrdersAsync(d.Admin, d.Company, [Order("PED1", "C1", Today.AddDays(-10), ("P3", 1, 200m))]));

        var list = await d.Reads.ListDocumentsAsync(d.Admin, d.Company, DocumentKind.SalesOrder, new CommercialQuery());
        Assert.Equal(["PED2", "PED1"], list.Items.Select(x => x.ExternalCode));
        var ped1 = await d.Reads.GetDocumentAsync(d.Admin, d.Company, DocumentKind.SalesOrder, list.Items[1].Id);
        Assert.Equal(200m, ped1.Header.Total);
        Assert.Equal([("P3", 1m, 200m)], ped1.Items.Select(i => (i.ProductCode, i.Quantity, i.Total)));
        Assert.Equal(375m, list.Items[0].Total);
        await using var db = await t.DbAsync();
        Assert.Equal(2, await db.SalesOrderItems.CountAsync()); // PED1's old items were replaced, not kept
    }

    [Fact]
    public async Task UpsertOrders_WithOneBadRow_WritesNothing_AndTheErrorNamesTheRowAndField()
    {
        var d = await DataAsync();
        var ex = await Assert.ThrowsAsync<ValidationException>(() => d.Upserts.UpsertSalesOrdersAsync(d.Admin, d.Company,
        [
            Order("PED1", "C1", Today, ("P1", 1, 10m)),
            Order("PED2", "C2", Today, ("NOPE", 1, 10m)),
            Order("PED3", "C9", Today, ("P1", 0, 10m)),
        ]));

        var errors = ex.Errors.Select(e => e.PropertyName).ToList();
        Assert.Contains("[1].Items[0].ProductCode", errors);
        Assert.Contains("[2].Items[0].Quantity", errors);
        Assert.DoesNotContain(errors, e => e.StartsWith("[0]"));
        Assert.Contains(ex.Errors, e => e.ErrorMessage.Contains("NOPE"));
        await using var db = await t.DbAsync();
        Assert.Equal(0, await db.SalesOrders.CountAsync());
    }

    [Fact]
    public async Task Upsert_UnknownCustomer_AndCodeRepeatedInTheBatch_AreRowErrors()
    {
        var d = await DataAsync();
        var ex = await Assert.ThrowsAsync<ValidationException>(() => d.Upserts.UpsertReceivablesAsync(d.Admin, d.Company,
        [
            Receivable("1001", 1, "C1", Today, 100m),
            Receivable("1001", 1, "C1", Today, 100m),
            Receivable("1002", 1, "XX", Today, 100m),
        ]));
        Assert.Equal(["[1].Document", "[2].CustomerCode"], ex.Errors.Select(e => e.PropertyName));
        await using var db = await t.DbAsync();
        Assert.Equal(0, await db.Receivables.CountAsync());
    }

    [Fact]
    public async Task UpsertInvoices_ValidatesTheAccessKey_AndLinksTheOrder()
    {
        var d = await DataAsync();
        await d.Upserts.UpsertSalesOrdersAsync(d.Admin, d.Company, [Order("PED1", "C1", Today, ("P1", 1, 10m))]);
        var good = new InvoiceInput
        {
            ExternalCode = "NF1", CustomerCode = "C1", IssueDate = Today, Number = 1, Series = "1", AccessKey = AccessKeys.Format(AccessKey(1)),
            OrderCode = "PED1", Items = [new DocumentItemInput { ProductCode = "P1", Quantity = 1, UnitPrice = 10m }],
        };
        var wrongDigit = AccessKey(2)[..43] + ((AccessKey(2)[43] - '0' + 1) % 10);
        var ex = await Assert.ThrowsAsync<ValidationException>(() => d.Upserts.UpsertInvoicesAsync(d.Admin, d.Company,
            [good, good with { ExternalCode = "NF2", Number = 2, AccessKey = wrongDigit }, good with { ExternalCode = "NF3", AccessKey = "123" }, good with { ExternalCode = "NF4", OrderCode = "PED9" }]));
        Assert.Equal(["[1].AccessKey", "[2].AccessKey", "[3].OrderCode"], ex.Errors.Select(e => e.PropertyName));

        await d.Upserts.UpsertInvoicesAsync(d.Admin, d.Company, [good]);
        var row = Assert.Single((await d.Reads.ListDocumentsAsync(d.Admin, d.Company, DocumentKind.Invoice, new CommercialQuery())).Items);
        Assert.Equal(AccessKey(1), row.AccessKey);
        Assert.Equal("PED1", row.OrderCode);
        Assert.Equal(1, row.Number);
    }

    [Theory]
    [InlineData(Roles.Agent)]
    [InlineData(Roles.Representative)]
    public async Task Upsert_ByAgentsAndRepresentatives_IsForbidden(string role)
    {
        var d = await DataAsync();
        var user = await t.UserAsync("u@x.test", role, d.Company);
        await Assert.ThrowsAsync<ForbiddenException>(() => d.Upserts.UpsertProductsAsync(user, d.Company, [Product("P7", "X", 1m)]));
    }

    [Fact]
    public async Task Upsert_IntoACompanyTheManagerCannotAccess_IsForbidden()
    {
        var d = await DataAsync();
        var other = await t.CompanyAsync("02");
        var manager = await t.UserAsync("g@x.test", Roles.Manager, d.Company);
        await Assert.ThrowsAsync<ForbiddenException>(() => d.Upserts.UpsertProductsAsync(manager, other, [Product("P7", "X", 1m)]));
        Assert.Equal(new UpsertResult(1, 0), await d.Upserts.UpsertProductsAsync(manager, d.Company, [Product("P7", "X", 1m)]));
    }

    [Fact]
    public async Task UpsertContracts_ResolvesTheOptionalProduct()
    {
        var d = await DataAsync();
        var input = new ContractInput { ExternalCode = "CT1", CustomerCode = "C3", ProductCode = "P3", Description = "Manutenção mensal", StartDate = Today.AddMonths(-3), Value = 900m };
        var ex = await Assert.ThrowsAsync<ValidationException>(() => d.Upserts.UpsertContractsAsync(d.Admin, d.Company,
            [input with { ProductCode = "P404" }, input with { ExternalCode = "CT2", EndDate = Today.AddYears(-1) }]));
        Assert.Equal(["[0].ProductCode", "[1].EndDate"], ex.Errors.Select(e => e.PropertyName));

        await d.Upserts.UpsertContractsAsync(d.Admin, d.Company, [input, input with { ExternalCode = "CT2", ProductCode = null, Status = ContractStatus.Suspended }]);
        var list = await d.Reads.ListContractsAsync(d.Admin, d.Company, new CommercialQuery { Sort = CommercialSort.Code, Descending = false });
        Assert.Equal([("CT1", "P3"), ("CT2", null)], list.Items.Select(c => (c.ExternalCode, c.ProductCode)));
        Assert.Equal(1, (await d.Reads.ListContractsAsync(d.Admin, d.Company, new CommercialQuery { ContractStatus = ContractStatus.Suspended })).TotalCount);
    }

    [Fact]
    public async Task UpsertProducts_ManyRowsInChunks_AreAllWritten_AndUpdatesGetANewVersion()
    {
        var d = await DataAsync();
        var rows = Enumerable.Range(1, 5_000).Select(i => Product($"X{i:D6}", $"Produto {i}", i / 100m)).ToList();
        var progress = new Collect();
        Assert.Equal(new UpsertResult(5_000, 0), await d.Upserts.UpsertProductsAsync(d.Admin, d.Company, rows, progress: progress));
        Assert.Equal([2_000, 4_000, 5_000], progress.Values);
        await using var db = await t.DbAsync();
        var before = await db.Products.Where(p => p.Code == "X004999").Select(p => p.Version).SingleAsync();
        Assert.Equal(new UpsertResult(0, 5_000), await d.Upserts.UpsertProductsAsync(d.Admin, d.Company, rows.Select(r => r with { Price = r.Price + 1 }).ToList()));
        Assert.Equal(50.99m, await db.Products.Where(p => p.Code == "X004999").Select(p => p.Price).SingleAsync());
        Assert.NotEqual(before, await db.Products.Where(p => p.Code == "X004999").Select(p => p.Version).SingleAsync());
        Assert.Equal(5_003, (await d.Reads.ListProductsAsync(d.Admin, d.Company, new CommercialQuery { Take = 1 })).TotalCount);
    }

    private sealed class Collect : IProgress<int>
    {
        public List<int> Values { get; } = [];
        public void Report(int value) => Values.Add(value);
    }
}
