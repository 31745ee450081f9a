using FoccoCrm.Core.Commercial;
using FoccoCrm.Core.Common;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Persons;
using static FoccoCrm.Core.Tests.Commercial.CommercialTestData;

namespace FoccoCrm.Core.Tests.Commercial;

public sealed class CommercialServiceTests : DbTest
{
    private async Task<CommercialTestData> DataWithReceivablesAsync()
    {
        var d = await new CommercialTestData(t).SetUpAsync();
        await d.Upserts.UpsertReceivablesAsync(d.Admin, d.Company,
        [
            Receivable("1", 1, "C1", Today.AddDays(-40), 100m, 100m, Today.AddDays(-40)),   // paid on time
            Receivable("1", 2, "C1", Today.AddDays(-10), 100m, 100m, Today.AddDays(-4)),    // paid 6 days late
            Receivable("2", 1, "C1", Today.AddDays(-3), 250.50m),                          // overdue 3 days
            Receivable("2", 2, "C1", Today.AddDays(27), 250.50m, 50m, Today.AddDays(-1)),  // open, partly paid
            Receivable("3", 1, "C2", Today, 80m),                                          // due today: open
            Receivable("4", 1, "C2", Today.AddDays(-1), 1000m, 400m, Today.AddDays(-2)),  // partly paid, overdue
        ]);
        return d;
    }

    [Fact]
    public void Status_IsDerivedFromAmountsDueDateAndToday()
    {
        var r = Core.Commercial.Receivable.Create(1);
        r.Apply(1, Receivable("X", 1, "C", new DateOnly(2026, 5, 10), 100m));
        Assert.Equal(ReceivableStatus.Open, r.StatusOn(new DateOnly(2026, 5, 10)));
        Assert.Equal(ReceivableStatus.Overdue, r.StatusOn(new DateOnly(2026, 5, 11)));
        r.Apply(1, Receivable("X", 1, "C", new DateOnly(2026, 5, 10), 100m, 100m, new DateOnly(2026, 6, 1)));
        Assert.Equal(ReceivableStatus.Paid, r.StatusOn(new DateOnly(2026, 5, 11)));
    }

    [Fact]
    public async Task Receivables_FilterByStatusInSql_WithTotalsOfTheWholeFilter()
    {
        var d = await DataWithReceivablesAsync();
        async Task<ReceivablePage> List(ReceivableStatus? s, int take = 25) =>
            await d.Reads.ListReceivablesAsync(d.Admin, d.Company, new CommercialQuery { ReceivableStatus = s, Take = take });

        var overdue = await List(ReceivableStatus.Overdue);
        Assert.Equal([("4", 1), ("2", 1)], overdue.Items.Select(r => (r.Document, r.Installment)));
        Assert.All(overdue.Items, r => Assert.Equal(ReceivableStatus.Overdue, r.Status));
        Assert.Equal(250.50m + 600m, overdue.Totals.Overdue);
        Assert.Equal([("2", 2), ("3", 1)], (await List(ReceivableStatus.Open)).Items.Select(r => (r.Document, r.Installment)).Order());
        Assert.Equal(2, (await List(ReceivableStatus.Paid)).TotalCount);

        var all = await List(null, take: 2);
        Assert.Equal(6, all.TotalCount);
        Assert.Equal(2, all.Items.Count);
        Assert.Equal(1781m, all.Totals.Amount);
        Assert.Equal(650m, all.Totals.Paid);
        Assert.Equal(1781m - 650m, all.Totals.Open);

        t.Clock.Advance(TimeSpan.FromDays(1)); // tomorrow "3/1" is overdue too
        Assert.Equal(3, (await List(ReceivableStatus.Overdue)).TotalCount);
    }

    [Fact]
    public async Task Receivables_SortByAmountAndSearchByCustomer_RunInSql()
    {
        var d = await DataWithReceivablesAsync();
        var byAmount = await d.Reads.ListReceivablesAsync(d.Admin, d.Company, new CommercialQuery { Sort = CommercialSort.Total, Descending = true, Take = 3 });
        Assert.Equal([1000m, 250.50m, 250.50m], byAmount.Items.Select(r => r.Amount));
        var beta = await d.Reads.ListReceivablesAsync(d.Admin, d.Company, new CommercialQuery { Search = "beta" });
        Assert.Equal(2, beta.TotalCount);
        Assert.All(beta.Items, r => Assert.Equal(d.Customers["C2"], r.CustomerId));
        var range = await d.Reads.ListReceivablesAsync(d.Admin, d.Company, new CommercialQuery { From = Today.AddDays(-10), To = Today });
        Assert.Equal(4, range.TotalCount);
    }

    [Fact]
    public async Task Summary_TotalsPurchasesOpenOverdueAndPunctuality()
    {
        var d = await DataWithReceivablesAsync();
        await d.Upserts.UpsertInvoicesAsync(d.Admin, d.Company,
        [
            new InvoiceInput { ExternalCode = "NF1", CustomerCode = "C1", IssueDate = Today.AddMonths(-2), Number = 1, Items = [new DocumentItemInput { ProductCode = "P1", Quantity = 10, UnitPrice = 10m }] },
            new InvoiceInput { ExternalCode = "NF0", CustomerCode = "C1", IssueDate = Today.AddMonths(-13), Number = 2, Items = [new DocumentItemInput { ProductCode = "P1", Quantity = 1, UnitPrice = 10m }] },
        ]);
        var s = await d.Reads.SummaryAsync(d.Admin, d.Company, d.Customers["C1"]);
        Assert.Equal(100m, s.PurchasedLast12Months);
        Assert.Equal(1, s.InvoicesLast12Months);
        Assert.Equal(250.50m + 200.50m, s.OpenAmount);
        Assert.Equal(250.50m, s.OverdueAmount);
        Assert.Equal(1, s.OverdueCount);
        Assert.Equal((0 + 6 + 3) / 3.0, s.AverageDaysLate); // three installments due so far: on time, 6 late, 3 overdue
    }

    [Fact]
    public async Task Representative_SeesOnlyTheDocumentsOfItsCustomers()
    {
        var d = await DataWithReceivablesAsync();
        await d.Upserts.UpsertSalesOrdersAsync(d.Admin, d.Company, [Order("PED1", "C1", Today, ("P1", 1, 10m)), Order("PED2", "C2", Today, ("P1", 1, 10m))]);
        var persons = t.Get<PersonService>();
        var rep = await persons.CreateAsync(d.Admin, Persons.PersonServiceTests.Individual("Rep", 7, PersonRoles.Representative));
        await persons.AssignAsync(d.Admin, d.Company, d.Customers["C2"], rep);
        var login = await t.UserAsync("rep@x.test", Roles.Representative, d.Company);
        await t.LinkPersonAsync(login.Id, rep);

        var receivables = await d.Reads.ListReceivablesAsync(login, d.Company, new CommercialQuery());
        Assert.Equal(2, receivables.TotalCount);
        Assert.All(receivables.Items, r => Assert.Equal(d.Customers["C2"], r.CustomerId));
        Assert.Equal(1080m, receivables.Totals.Amount);
        var orders = await d.Reads.ListDocumentsAsync(login, d.Company, DocumentKind.SalesOrder, new CommercialQuery());
        Assert.Equal(["PED2"], orders.Items.Select(o => o.ExternalCode));
        // Asking for another customer's records directly does not work either.
        Assert.Equal(0, (await d.Reads.ListReceivablesAsync(login, d.Company, new CommercialQuery { CustomerId = d.Customers["C1"] })).TotalCount);
        var ped1 = (await d.Reads.ListDocumentsAsync(d.Admin, d.Company, DocumentKind.SalesOrder, new CommercialQuery { Search = "PED1" })).Items.Single();
        await Assert.ThrowsAsync<NotFoundException>(() => d.Reads.GetDocumentAsync(login, d.Company, DocumentKind.SalesOrder, ped1.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => d.Reads.SummaryAsync(login, d.Company, d.Customers["C1"]));
        Assert.Equal(3, (await d.Reads.ListProductsAsync(login, d.Company, new CommercialQuery())).TotalCount);
    }

    [Fact]
    public async Task Lists_AreIsolatedPerCompany()
    {
        var d = await DataWithReceivablesAsync();
        var d2 = await new CommercialTestData(t).SetUpAsync("02");
        await d2.Upserts.UpsertReceivablesAsync(d2.Admin, d2.Company, [Receivable("1", 1, "C1", Today, 5m)]);
        var agent1 = await t.UserAsync("a1@x.test", Roles.Agent, d.Company);

        Assert.Equal(6, (await d.Reads.ListReceivablesAsync(agent1, d.Company, new CommercialQuery())).TotalCount);
        Assert.Equal(1, (await d.Reads.ListReceivablesAsync(d2.Admin, d2.Company, new CommercialQuery())).TotalCount);
        await Assert.ThrowsAsync<ForbiddenException>(() => d.Reads.ListReceivablesAsync(agent1, d2.Company, new CommercialQuery()));
        await Assert.ThrowsAsync<ForbiddenException>(() => d.Reads.ListProductsAsync(agent1, d2.Company, new CommercialQuery()));
        await Assert.ThrowsAsync<ForbiddenException>(() => d.Reads.SummaryAsync(agent1, d2.Company, d.Customers["C1"]));
        // Same product codes in both companies are different products.
        Assert.Equal(3, (await d.Reads.ListProductsAsync(d2.Admin, d2.Company, new CommercialQuery())).TotalCount);
    }

    [Fact]
    public async Task Documents_PageFilterAndSortByTotal()
    {
        var d = await new CommercialTestData(t).SetUpAsync();
        var orders = Enumerable.Range(1, 30).Select(i => Order($"PED{i:D3}", i % 2 == 0 ? "C1" : "C2", Today.AddDays(-i), ("P1", i, 10m))).ToList();
        await d.Upserts.UpsertSalesOrdersAsync(d.Admin, d.Company, orders);

        var page2 = await d.Reads.ListDocumentsAsync(d.Admin, d.Company, DocumentKind.SalesOrder, new CommercialQuery { Skip = 10, Take = 10 });
        Assert.Equal(30, page2.TotalCount);
        Assert.Equal("PED011", page2.Items[0].ExternalCode); // newest first
        var c1 = await d.Reads.ListDocumentsAsync(d.Admin, d.Company, DocumentKind.SalesOrder,
            new CommercialQuery { CustomerId = d.Customers["C1"], From = Today.AddDays(-10), Sort = CommercialSort.Total, Descending = true });
        Assert.Equal([100m, 80m, 60m, 40m, 20m], c1.Items.Select(o => o.Total));
        Assert.All(c1.Items, o => Assert.Equal("Alfa Metais Ltda.", o.CustomerName));
    }

    [Theory]
    [InlineData("35240612345678000199550010000001231123456787", true)]
    [InlineData("3524 0612 3456 7800 0199 5500 1000 0001 2311 2345 6787", true)]
    [InlineData("35240612345678000199550010000001231123456788", false)]
    [InlineData("352406123456780001995500100000012311234567", false)]
    [InlineData("3524061234567800019955001000000123112345A787", false)]
    public void AccessKey_Needs44DigitsAndTheCheckDigit(string key, bool valid) => Assert.Equal(valid, AccessKeys.IsValid(key));
}
