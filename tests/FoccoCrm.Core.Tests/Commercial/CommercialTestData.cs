using FoccoCrm.Core.Commercial;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Persons;
using FoccoCrm.Core.Tests.Persons;

namespace FoccoCrm.Core.Tests.Commercial;

/// <summary>A company with an administrator, customers with ERP codes C1..C3 and products P1..P3.</summary>
public sealed class CommercialTestData(TestDb t)
{
    public int Company { get; private set; }
    public CurrentUser Admin { get; private set; } = default!;
    public Dictionary<string, int> Customers { get; } = [];
    public static readonly DateOnly Today = new(2026, 11, 27);

    public CommercialUpsertService Upserts => t.Get<CommercialUpsertService>();
    public CommercialService Reads => t.Get<CommercialService>();

    public async Task<CommercialTestData> SetUpAsync(string companyCode = "01", params int[] moreCompanies)
    {
        Company = await t.CompanyAsync(companyCode);
        Admin = await t.UserAsync($"adm{companyCode}@x.test", Roles.Administrator, [Company, .. moreCompanies]);
        var persons = t.Get<PersonService>();
        var n = 100 + int.Parse(companyCode) * 10;
        foreach (var (code, name) in new[] { ("C1", "Alfa Metais Ltda."), ("C2", "Beta Plásticos S.A."), ("C3", "Gama Comércio ME") })
        {
            var existing = await persons.ListAsync(Admin, new PersonQuery { Search = code });
            Customers[code] = existing.Items.FirstOrDefault(p => p.ExternalCode == code)?.Id
                ?? await persons.CreateAsync(Admin, PersonServiceTests.Legal(name, n++) with { ExternalCode = code });
        }
        await Upserts.UpsertProductsAsync(Admin, Company,
        [
            Product("P1", "Parafuso M8", 10m), Product("P2", "Chave 13 mm", 35.5m), Product("P3", "Manutenção preventiva", 250m),
        ]);
        return this;
    }

    public static ProductInput Product(string code, string description, decimal price) =>
        new() { Code = code, Description = description, Unit = "UN", Group = "Geral", Price = price };

    public static SalesOrderInput Order(string code, string customer, DateOnly date, params (string Product, decimal Qty, decimal Price)[] items) =>
        new() { ExternalCode = code, CustomerCode = customer, IssueDate = date, Items = items.Select(i => new DocumentItemInput { ProductCode = i.Product, Quantity = i.Qty, UnitPrice = i.Price }).ToList() };

    public static ReceivableInput Receivable(string doc, int installment, string customer, DateOnly due, decimal amount, decimal paid = 0, DateOnly? paidDate = null) =>
        new() { Document = doc, Installment = installment, CustomerCode = customer, IssueDate = due.AddDays(-30), DueDate = due, Amount = amount, PaidAmount = paid, PaidDate = paidDate };

    /// <summary>A valid chave de acesso for invoice number n.</summary>
    public static string AccessKey(int n) => AccessKeys.WithCheckDigit($"422611{"12345678000199"}55001{n:D9}1{12345678}");
}
