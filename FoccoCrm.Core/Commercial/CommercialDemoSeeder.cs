using FoccoCrm.Core.Demo;
using FoccoCrm.Core.Persons;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace FoccoCrm.Core.Commercial;

/// <summary>
/// ~60 products per company and, for ~90 demo customers of both companies (the representative login's in the first,
/// the assigned ones in the second, plus some others), two years of quotes, orders, invoices (from the orders) and receivables up to "today" of the
/// clock: most installments paid, some paid late, the recent ones open, a few overdue; plus a few contracts.
/// </summary>
public sealed class CommercialDemoSeeder : IDemoSeeder
{
    public int Order => 30;

    private static readonly (string Group, string Unit, string[] Names, decimal Min, decimal Max)[] Catalog =
    [
        ("Parafusos e fixadores", "CX", ["Parafuso sextavado M8", "Parafuso Allen M6", "Porca autotravante M10", "Arruela lisa 1/2\"", "Rebite de repuxo 4,8 mm", "Chumbador CBA 3/8\"", "Barra roscada 1/2\" x 1 m", "Bucha nylon S10"], 18, 140),
        ("Ferramentas", "UN", ["Chave combinada 13 mm", "Jogo de soquetes 1/2\"", "Alicate universal 8\"", "Martelo de borracha", "Trena 5 m", "Nível de alumínio 60 cm", "Serra copo bimetal 40 mm", "Torquímetro 1/2\""], 25, 890),
        ("Elétrica", "UN", ["Disjuntor bipolar 32 A", "Cabo flexível 2,5 mm² (rolo 100 m)", "Contator tripolar 25 A", "Relé térmico 18-25 A", "Tomada industrial 3P+T", "Quadro de comando 40x30", "Sensor indutivo M18", "Fonte chaveada 24 V 5 A"], 35, 1250),
        ("Hidráulica", "UN", ["Válvula esfera 1\"", "Mangueira hidráulica 1/2\" (m)", "Conexão engate rápido 3/8\"", "Manômetro 0-10 bar", "Bomba centrífuga 1 cv", "Filtro de linha 3/4\"", "Registro gaveta 2\"", "Cilindro pneumático 50x200"], 22, 2400),
        ("Embalagens", "PCT", ["Filme stretch 500 mm", "Fita adesiva 48x100", "Caixa de papelão 40x30x30", "Saco plástico 60x90", "Pallet PBR 1,0x1,2 m", "Cantoneira de papelão 1 m", "Etiqueta térmica 100x150", "Fita de arquear 16 mm"], 9, 95),
        ("EPI", "PAR", ["Luva de vaqueta", "Luva nitrílica", "Botina de segurança 42", "Protetor auricular plug", "Óculos de proteção incolor", "Capacete aba frontal", "Máscara PFF2", "Avental de raspa"], 6, 160),
        ("Lubrificantes", "L", ["Óleo hidráulico ISO 68", "Graxa de lítio EP2 (kg)", "Óleo de corte solúvel", "Desengripante spray 300 ml", "Óleo para engrenagens 220", "Fluido de freio DOT4", "Óleo de compressor 100", "Vaselina industrial"], 14, 210),
        ("Serviços", "H", ["Manutenção preventiva", "Calibração de instrumentos", "Assistência técnica em campo", "Treinamento de operadores"], 120, 380),
    ];

    public async Task SeedAsync(DemoSeedContext context, CancellationToken ct)
    {
        var db = context.Db;
        var f = context.Faker;
        if (!context.Items.TryGetValue("companies", out var c) || c is not int[] { Length: > 0 } companyIds) return;
        var today = DateOnly.FromDateTime(context.Clock.GetUtcNow().UtcDateTime);
        var start = today.AddYears(-2);
        var customers = await db.Persons.AsNoTracking()
            .Where(p => p.IsActive && p.ExternalCode != null && ((int)p.Roles & (int)PersonRoles.Customer) != 0)
            .OrderBy(p => p.Id).Select(p => new { p.Id, p.ExternalCode }).ToListAsync(ct);
        if (customers.Count == 0) return;
        var assigned = await db.CustomerRepresentatives.AsNoTracking().Select(x => new { x.CompanyId, x.CustomerId, x.RepresentativeId }).ToListAsync(ct);
        var loginRep = await db.Users.Where(u => u.Email == PersonsDemoSeeder.RepresentativeLogin).Select(u => u.PersonId).FirstOrDefaultAsync(ct);
        var cnpjs = await db.Companies.AsNoTracking().ToDictionaryAsync(x => x.Id, x => x.Cnpj, ct);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        int documents = 0, receivables = 0;

        foreach (var companyId in companyIds.Take(2))
        {
            // Products: the same catalog in both companies (the ERP code identifies them).
            var products = new List<Product>();
            foreach (var (group, unit, names, min, max) in Catalog)
                foreach (var name in names)
                    products.Add(Product.Create(companyId, new ProductInput
                    {
                        Code = $"{group[..3].ToUpperInvariant()}{products.Count + 1:D4}", Description = name, Unit = unit, Group = group,
                        Price = Math.Round(f.Random.Decimal(min, max), 2), IsActive = f.Random.Bool(0.95f),
                    }));
            db.Products.AddRange(products);
            await db.SaveChangesAsync(ct);
            var active = products.Where(p => p.IsActive).ToList();

            // Customers (kept to ~90 in all so start-up stays quick): in the first company those of the representative login,
            // in the second those assigned there; and some without a representative.
            var first = companyId == companyIds[0];
            var mine = assigned.Where(a => a.CompanyId == companyId && (!first || a.RepresentativeId == loginRep)).Select(a => a.CustomerId).ToHashSet();
            var anyAssigned = assigned.Select(a => a.CustomerId).ToHashSet();
            var chosen = customers.Where(x => mine.Contains(x.Id))
                .Concat(customers.Where(x => !anyAssigned.Contains(x.Id)).OrderBy(_ => f.Random.Int()).Take(first ? 20 : 10)).ToList();
            var seq = 0;
            var toInvoice = new List<(SalesOrder Order, string CustomerCode, List<DocumentItemInput> Items, List<int> Ids, DateOnly Date, int Seq)>();
            var cnpj = cnpjs.GetValueOrDefault(companyId, "00000000000000").PadLeft(14, '0')[..14];
            foreach (var customer in chosen)
            {
                var next = start.AddDays(f.Random.Int(0, 60));
                var interval = f.Random.Int(35, 90);
                while (next <= today)
                {
                    seq++;
                    var items = Enumerable.Range(0, f.Random.Int(1, 4)).Select(_ => f.PickRandom(active)).Distinct()
                        .Select(p => new DocumentItemInput { ProductCode = p.Code, Quantity = p.Unit == "H" ? f.Random.Int(2, 16) : f.Random.Int(1, 12), UnitPrice = Math.Round(p.Price * f.Random.Decimal(0.9m, 1.05m), 2) })
                        .ToList();
                    var ids = items.Select(i => products.First(p => p.Code == i.ProductCode).Id).ToList();
                    var code = seq.ToString("D6");
                    if (f.Random.Bool(0.4f) || next > today.AddDays(-20))
                    {
                        var quote = Quote.Create();
                        quote.Apply(companyId, customer.Id, new QuoteInput { ExternalCode = "ORC" + code, CustomerCode = customer.ExternalCode!, IssueDate = next.AddDays(-f.Random.Int(2, 10)), ValidUntil = next.AddDays(15), Items = items }, ids);
                        db.Quotes.Add(quote);
                        documents++;
                    }
                    if (next <= today.AddDays(-3) || f.Random.Bool(0.5f))
                    {
                        var order = SalesOrder.Create();
                        order.Apply(companyId, customer.Id, new SalesOrderInput { ExternalCode = "PED" + code, CustomerCode = customer.ExternalCode!, IssueDate = next, DeliveryDate = next.AddDays(f.Random.Int(3, 15)), Items = items }, ids);
                        db.SalesOrders.Add(order);
                        documents++;
                        var invoiceDate = next.AddDays(f.Random.Int(1, 5));
                        if (invoiceDate <= today) toInvoice.Add((order, customer.ExternalCode!, items, ids, invoiceDate, seq));
                    }
                    next = next.AddDays(interval + f.Random.Int(-10, 10));
                }
            }

            // Invoices of the orders (one save for all orders first: the invoices link to their ids), and their installments.
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            foreach (var (order, customerCode, items, ids, invoiceDate, number) in toInvoice)
            {
                var first43 = $"42{invoiceDate:yyMM}{cnpj}55001{number:D9}1{f.Random.Int(10000000, 99999999)}";
                var invoice = Invoice.Create();
                invoice.Apply(companyId, order.CustomerId, order.Id, new InvoiceInput
                {
                    ExternalCode = "NF" + number.ToString("D9"), CustomerCode = customerCode, IssueDate = invoiceDate, Number = number, Series = "1",
                    AccessKey = AccessKeys.WithCheckDigit(first43), OrderCode = order.ExternalCode, Items = items,
                }, ids);
                db.Invoices.Add(invoice);
                documents++;
                var installments = invoice.Total > 3000 ? 3 : invoice.Total > 800 ? 2 : 1;
                var part = Math.Round(invoice.Total / installments, 2);
                for (var n = 1; n <= installments; n++)
                {
                    var amount = n == installments ? invoice.Total - part * (installments - 1) : part;
                    var due = invoiceDate.AddDays(30 * n);
                    var (paid, paidDate) = Payment(f, due, today, amount);
                    var r = Receivable.Create(companyId);
                    r.Apply(order.CustomerId, new ReceivableInput { Document = invoice.Number.ToString(), Installment = n, IssueDate = invoiceDate, DueDate = due, Amount = amount, PaidAmount = paid, PaidDate = paidDate });
                    db.Receivables.Add(r);
                    receivables++;
                }
            }

            // A few service contracts.
            var services = products.Where(p => p.Unit == "H").ToList();
            for (var i = 0; i < 12 && i < chosen.Count; i++)
            {
                var customer = chosen[i * chosen.Count / 12];
                var begin = start.AddDays(f.Random.Int(0, 600));
                var product = f.PickRandom(services);
                var status = i % 6 == 5 ? ContractStatus.Ended : i % 6 == 4 ? ContractStatus.Suspended : ContractStatus.Active;
                var contract = Contract.Create(companyId);
                contract.Apply(customer.Id, product.Id, new ContractInput
                {
                    ExternalCode = $"CT{companyId:D2}{i + 1:D4}", CustomerCode = customer.ExternalCode!, ProductCode = product.Code,
                    Description = $"{product.Description} — contrato mensal", StartDate = begin,
                    EndDate = status == ContractStatus.Ended ? (begin.AddMonths(12) < today ? begin.AddMonths(12) : today) : begin.AddMonths(24),
                    Value = Math.Round(f.Random.Decimal(450, 4800), 2), Status = status,
                });
                db.Contracts.Add(contract);
            }
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        db.ChangeTracker.AutoDetectChangesEnabled = true;
        context.Logger.LogInformation("Demo data: {Documents} commercial documents and {Receivables} receivables created", documents, receivables);
    }

    /// <summary>Most installments paid on time, some late, a few still overdue; recent ones open.</summary>
    private static (decimal Paid, DateOnly? Date) Payment(Bogus.Faker f, DateOnly due, DateOnly today, decimal amount)
    {
        var age = today.DayNumber - due.DayNumber; // > 0: due date passed
        if (age < 0) return f.Random.Bool(0.1f) ? (amount, due.AddDays(-f.Random.Int(0, 5)) is var d && d <= today ? d : today) : (0m, null);
        var unpaidChance = age > 120 ? 0.005f : age > 30 ? 0.04f : 0.12f;
        if (f.Random.Bool(unpaidChance)) return (0m, null);
        var late = f.Random.Bool(0.25f) ? f.Random.Int(1, Math.Max(1, Math.Min(45, age))) : 0;
        var paidOn = due.AddDays(late);
        return (amount, paidOn <= today ? paidOn : today);
    }
}
