using Bunit;
using FoccoCrm.Core.Commercial;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Tests.Commercial;
using FoccoCrm.Web.Features.Commercial;
using FoccoCrm.Web.Tests.Layout;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using static FoccoCrm.Core.Tests.Commercial.CommercialTestData;

namespace FoccoCrm.Web.Tests.Commercial;

public class CommercialComponentsTests : ComponentTestBase
{
    private CommercialTestData data = default!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Services.AddSingleton(Db.Get<CommercialService>());
        data = await new CommercialTestData(Db).SetUpAsync();
        await data.Upserts.UpsertReceivablesAsync(data.Admin, data.Company,
        [
            Receivable("501", 1, "C1", Today.AddDays(-20), 100m, 100m, Today.AddDays(-18)),
            Receivable("502", 1, "C1", Today.AddDays(-5), 300m),
            Receivable("503", 1, "C2", Today.AddDays(10), 40m),
        ]);
    }

    /// <summary>pt-BR currency puts a no-break space after "R$".</summary>
    private static string Text(string s) => s.Replace('\u00A0', ' ');

    [Fact]
    public async Task ReceivableList_ShowsStatusChipsAndTotals_AndTheOverdueFilterNarrowsRowsAndTotals()
    {
        UseCulture("pt-BR"); // money and dates in the user's culture
        var cut = RenderAs<ReceivableList>(data.Admin);
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("tbody tr").Count));
        Assert.Contains("Vencido", cut.Markup);
        Assert.Contains("Pago", cut.Markup);
        Assert.Contains("Em aberto", cut.Markup);
        Assert.Contains("R$ 440,00", Text(cut.Find("[data-testid=receivable-totals]").TextContent));

        var select = cut.FindComponent<MudSelect<ReceivableStatus?>>();
        await cut.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(ReceivableStatus.Overdue));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("tbody tr")));
        Assert.Contains("502-1", cut.Find("tbody tr").TextContent);
        Assert.Contains("R$ 300,00", Text(cut.Find("[data-testid=receivable-totals]").TextContent));
        Assert.Contains("font-weight:600", cut.Find("tbody tr").InnerHtml); // the overdue due date stands out
    }

    [Fact]
    public void CustomerTab_ShowsTheSummaryOfThatCustomer_AndOnlyItsReceivables()
    {
        UseCulture("pt-BR");
        var cut = RenderAs<CustomerCommercialTab>(data.Admin, b => b.AddAttribute(5, nameof(CustomerCommercialTab.CustomerId), data.Customers["C1"]));
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("tbody tr").Count));
        var summary = Text(cut.Find("[data-testid=commercial-summary]").TextContent);
        Assert.Contains("R$ 300,00", summary); // open and overdue
        Assert.Contains("1 parcelas vencidas", summary);
        Assert.DoesNotContain("503-1", cut.Markup);
    }
}
