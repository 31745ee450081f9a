using System.Text;
using FoccoCrm.Core.Commercial;
using FoccoCrm.Core.Common;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Import;
using Microsoft.EntityFrameworkCore;

namespace FoccoCrm.Core.Tests.Commercial;

/// <summary>Commercial files through the import engine (FUTL0130): same all-or-nothing rule, errors on the file's lines.</summary>
public sealed class CommercialImportTests : DbTest
{
    private static ImportTable Csv(string text) => ImportReader.ReadCsv(Encoding.UTF8.GetBytes(text), "erp.csv");

    private static Dictionary<string, int> Map(IImportTarget target, ImportTable table) => ImportService.AutoMap(target, table.Headers);

    private async Task<int> CountAsync<T>() where T : class
    {
        await using var db = await t.DbAsync();
        return await db.Set<T>().CountAsync();
    }

    private const string Orders = """
        Pedido;Cliente;Emissão;Entrega;Produto;Qtde;Preço unitário
        PED-1;C1;10/11/2026;20/11/2026;P1;10;10,00
        PED-1;C1;10/11/2026;20/11/2026;P2;2;35,50
        PED-2;C2;12/11/2026;;P3;1;250,00
        """;

    [Fact]
    public async Task OrdersFile_RowsOfADocumentBecomeItsItems_NothingWrittenUntilEveryRowIsRight()
    {
        var d = await new CommercialTestData(t).SetUpAsync();
        var target = t.Get<SalesOrderImportTarget>();
        var bad = Csv(Orders.Replace("PED-1;C1;10/11/2026;20/11/2026;P2;2;35,50", "PED-1;C1;10/11/2026;20/11/2026;P9;2;35,50"));

        var refused = await target.CommitAsync(d.Admin, bad, Map(target, bad));

        Assert.False(refused.Written);
        var error = Assert.Single(refused.Errors);
        Assert.Equal((3, nameof(DocumentImportRow.ProductCode)), (error.Line, error.Field)); // the item's own line
        Assert.Contains("P9", error.Message);
        Assert.Equal(0, await CountAsync<SalesOrder>());

        var good = Csv(Orders);
        var check = await target.ValidateAsync(d.Admin, good, Map(target, good));
        Assert.Equal((true, 2, 0, false), (check.IsValid, check.Inserted, check.Updated, check.Written));
        Assert.Equal(0, await CountAsync<SalesOrder>());

        var done = await target.CommitAsync(d.Admin, good, Map(target, good));
        Assert.Equal((true, 2, 0), (done.Written, done.Inserted, done.Updated));
        var list = (await d.Reads.ListDocumentsAsync(d.Admin, d.Company, DocumentKind.SalesOrder, new CommercialQuery())).Items;
        var first = Assert.Single(list, o => o.ExternalCode == "PED-1");
        Assert.Equal((2, 171.00m), (first.ItemCount, first.Total));

        var again = await target.ValidateAsync(d.Admin, good, Map(target, good));
        Assert.Equal((0, 2), (again.Inserted, again.Updated));
    }

    [Fact]
    public async Task RowsOfOneDocument_WithDifferentCustomers_RefuseThatDocument()
    {
        var d = await new CommercialTestData(t).SetUpAsync();
        var target = t.Get<SalesOrderImportTarget>();
        var table = Csv(Orders.Replace("PED-1;C1;10/11/2026;20/11/2026;P2", "PED-1;C3;10/11/2026;20/11/2026;P2"));

        var outcome = await target.ValidateAsync(d.Admin, table, Map(target, table));

        var error = Assert.Single(outcome.Errors);
        Assert.Equal((3, nameof(DocumentImportRow.CustomerCode)), (error.Line, error.Field));
        Assert.Equal(Messages.Format(nameof(Messages.ImportDocumentRowDiffers), 2), error.Message);
    }

    [Fact]
    public async Task ReceivablesFile_WithBrazilianNumbersAndDates_IsWritten_AndADocumentRuleNamesItsLine()
    {
        var d = await new CommercialTestData(t).SetUpAsync();
        var target = t.Get<ReceivableImportTarget>();
        const string file = """
            Título;Parcela;Cliente;Emissão;Vencimento;Valor;Valor pago;Data de pagamento
            NF-100;1;C1;01/10/2026;31/10/2026;1.234,56;1.234,56;30/10/2026
            NF-100;2;C1;01/10/2026;30/11/2026;1.234,56;;
            """;
        var bad = Csv(file.Replace("01/10/2026;30/11/2026", "01/10/2026;30/09/2026"));
        var refused = await target.CommitAsync(d.Admin, bad, Map(target, bad));
        Assert.Contains(refused.Errors, e => e is { Line: 3, Field: nameof(ReceivableInput.DueDate) });
        Assert.Equal(0, await CountAsync<Receivable>());

        var good = Csv(file);
        var done = await target.CommitAsync(d.Admin, good, Map(target, good));
        Assert.True(done.Written, string.Join("; ", done.Errors));
        var rows = (await d.Reads.ListReceivablesAsync(d.Admin, d.Company, new CommercialQuery())).Items;
        Assert.Equal([1234.56m, 1234.56m], rows.Select(r => r.Amount));
        Assert.Contains(rows, r => r is { Installment: 1, Status: ReceivableStatus.Paid });
    }

    [Fact]
    public async Task CommercialTargets_AreForAdministratorsAndManagers_OfTheCurrentCompany()
    {
        var d = await new CommercialTestData(t).SetUpAsync();
        var agent = await t.UserAsync("agente@x.test", Roles.Agent, d.Company);
        var import = t.Get<ImportService>();

        Assert.DoesNotContain(import.TargetsFor(agent), x => x.Name == "orders");
        Assert.Equal(["contacts", "contracts", "invoices", "orders", "persons", "products", "quotes", "receivables"],
            import.TargetsFor(d.Admin).Select(x => x.Name).Order());
        var target = t.Get<ProductImportTarget>();
        var table = Csv("Código;Descrição;Preço\nP7;Arruela;0,15\n");
        await Assert.ThrowsAsync<ForbiddenException>(() => target.CommitAsync(agent, table, Map(target, table)));
        Assert.Equal(3, await CountAsync<Product>());
    }
}
