using FoccoCrm.Core.Catalogs;
using FoccoCrm.Core.Checklists;
using FoccoCrm.Core.Commercial;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Occurrences;
using FoccoCrm.Core.Persons;
using FoccoCrm.Core.Selections;
using FoccoCrm.Core.Tests.Checklists;
using FoccoCrm.Core.Tickets;

namespace FoccoCrm.Core.Tests.Selections;

/// <summary>
/// The small fixed dataset every operator test checks by hand (clock 2026-11-27 12:00 UTC = 09:00 in São Paulo, "today" 2026-11-27).
/// Company 01 (current) and 02 (another company, for isolation).
/// <code>
/// person        roles      type  UF city          created     email   active  contacts                         representative
/// Ana Ltda      Customer   Legal SC Joinville     2026-01-10  yes     yes     Comprador(e-mail, b. 03/15), Vendas(phone)  Roberto (01)
/// Bruno ME      Customer   Legal PR Curitiba      2026-06-01  no      yes     Comprador(nothing, b. 11/02)               Roberto (02 only)
/// Carla Souza   Customer   Ind.  SP Santos        2026-11-20  no      NO      -                                          -
/// Davi Lima     Supplier   Ind.  SC Florianópolis 2025-12-01  no      yes     -                                          -
/// Roberto Rep   Represent. Ind.  RS Porto Alegre  2026-01-01  no      yes     -                                          -
/// tickets (01): Ana Cancelamento Opened Passive 11-20; Ana Cancelamento Closed 08-01; Bruno Suporte Opened 11-25; Davi Cancelamento InExecution 11-26
/// tickets (02): Carla Cancelamento Opened 11-20
/// occurrences (01): Bruno Troca/Defeito Open 11-01
/// invoices (01): Ana 2026-11-01 R$ 1.500 (product A); Ana 2026-05-01 R$ 300 (B); Bruno 2026-01-10 R$ 200 (B).  (02): Carla 2026-11-20 R$ 50 (A2)
/// receivables (01): Ana due 11-01 R$ 1.000 unpaid (26 days overdue); Bruno due 12-10 R$ 500 unpaid (open); Davi due 10-01 R$ 300 paid
/// additional data (checklist PERFIL, 01): Ana: riscado Sim, onde Ponta, descreva "fundo"; veículos 5; Bruno: riscado Não; veículos 1
/// </code>
/// </summary>
public sealed record SelectionTestData(
    int Company, int Other, CurrentUser Manager, CurrentUser Admin, CurrentUser Agent, CurrentUser Rep, CurrentUser OtherManager,
    int Ana, int Bruno, int Carla, int Davi, int Roberto,
    int Comprador, int Vendas, int Cancelamento, int Suporte, int CancelReason, int SupportReason, int Troca, int Defeito,
    int ProductA, int ProductB, QuestionDetail Riscado, QuestionDetail Onde, QuestionDetail Descreva, QuestionDetail Veiculos)
{
    public static async Task<SelectionTestData> CreateAsync(TestDb t)
    {
        var company = await t.CompanyAsync("01");
        var other = await t.CompanyAsync("02");
        var checklists = await ChecklistTestData.CreateAsync(t, company, other);
        var admin = checklists.Admin;
        var manager = await t.UserAsync("gestor@x.test", Roles.Manager, company);
        var agent = await t.UserAsync("agente@x.test", Roles.Agent, company);
        var rep = await t.UserAsync("rep@x.test", Roles.Representative, company);
        var otherManager = await t.UserAsync("gestor2@x.test", Roles.Manager, other);
        var now = t.Clock.GetUtcNow().UtcDateTime;
        static DateTime D(int y, int m, int d) => new(y, m, d, 15, 0, 0, DateTimeKind.Utc);

        async Task<int> Entry<T>(CatalogKind kind, int code, string description, int? parent = null) where T : CatalogEntry, ICatalogEntity<T> =>
            await t.Get<CatalogService<T>>().CreateAsync(admin, new CatalogEntryInput { Kind = kind, Code = code, Description = description }, parent);
        var comprador = await Entry<ContactType>(CatalogKind.ContactType, 1, "Comprador");
        var vendas = await Entry<ContactType>(CatalogKind.ContactType, 2, "Vendas");
        var cancelamento = await Entry<TicketType>(CatalogKind.TicketType, 1, "Cancelamento");
        var suporte = await Entry<TicketType>(CatalogKind.TicketType, 2, "Suporte");
        var cancelReason = await Entry<TicketReason>(CatalogKind.TicketReason, 1, "Não recebimento", cancelamento);
        var supportReason = await Entry<TicketReason>(CatalogKind.TicketReason, 1, "Dúvida", suporte);
        var troca = await Entry<OccurrenceType>(CatalogKind.OccurrenceType, 1, "Troca");
        var defeito = await Entry<OccurrenceReason>(CatalogKind.OccurrenceReason, 1, "Produto com defeito", troca);

        int ana, bruno, carla, davi, roberto, productA, productB;
        await using (var db = await t.DbAsync())
        {
            Person P(string name, PersonType type, string uf, string city, string zip, DateTime created, string? email = null, bool active = true,
                PersonRoles roles = PersonRoles.Customer, string? phone = null) =>
                Person.Create(new PersonInput { Name = name, Type = type, Document = name[..3].ToUpperInvariant() + created.Ticks % 1000, State = uf, City = city, ZipCode = zip,
                    Email = email, IsActive = active, Roles = roles, Phone = phone }, created);
            var pAna = P("Ana Ltda", PersonType.Legal, "SC", "Joinville", "89200-000", D(2026, 1, 10), email: "ana@x.test");
            var pBruno = P("Bruno ME", PersonType.Legal, "PR", "Curitiba", "80000-000", D(2026, 6, 1));
            var pCarla = P("Carla Souza", PersonType.Individual, "SP", "Santos", "11000-000", D(2026, 11, 20), active: false, phone: "1399999999");
            var pDavi = P("Davi Lima", PersonType.Individual, "SC", "Florianópolis", "88000-000", D(2025, 12, 1), roles: PersonRoles.Supplier);
            var pRoberto = P("Roberto Rep", PersonType.Individual, "RS", "Porto Alegre", "90000-000", D(2026, 1, 1), roles: PersonRoles.Representative);
            db.Persons.AddRange(pAna, pBruno, pCarla, pDavi, pRoberto);
            await db.SaveChangesAsync();
            (ana, bruno, carla, davi, roberto) = (pAna.Id, pBruno.Id, pCarla.Id, pDavi.Id, pRoberto.Id);

            db.Contacts.AddRange(
                Contact.Create(ana, new ContactInput { Name = "Comprador Ana", ContactTypeId = comprador, Email = "compras@ana.test", BirthDate = new DateOnly(1990, 3, 15) }),
                Contact.Create(ana, new ContactInput { Name = "Vendas Ana", ContactTypeId = vendas, Phone = "4733333333" }),
                Contact.Create(bruno, new ContactInput { Name = "Comprador Bruno", ContactTypeId = comprador, BirthDate = new DateOnly(1985, 11, 2) }));
            db.CustomerRepresentatives.AddRange(CustomerRepresentative.Create(company, ana, roberto), CustomerRepresentative.Create(other, bruno, roberto));

            var number = 0;
            Ticket T(int co, int customer, int type, int reason, DateTime opened, TicketOrigin origin = TicketOrigin.Passive) =>
                Ticket.Open(co, ++number, new TicketInput { CustomerId = customer, TypeId = type, ReasonId = reason, Origin = origin, Situation = "x" }, manager, opened);
            var closed = T(company, ana, cancelamento, cancelReason, D(2026, 8, 1));
            closed.MoveTo(TicketStatus.Closed, "resolvido", D(2026, 8, 2));
            var exec = T(company, davi, cancelamento, cancelReason, D(2026, 11, 26), TicketOrigin.Active);
            exec.MoveTo(TicketStatus.InExecution, null, D(2026, 11, 26));
            db.Tickets.AddRange(T(company, ana, cancelamento, cancelReason, D(2026, 11, 20)), closed, T(company, bruno, suporte, supportReason, D(2026, 11, 25)), exec,
                T(other, carla, cancelamento, cancelReason, D(2026, 11, 20)));

            db.Occurrences.Add(Occurrence.Seed(company, 1, new OccurrenceInput { OccurredAtUtc = D(2026, 11, 1), PersonId = bruno, TypeId = troca, ReasonId = defeito, Description = "troca" },
                manager.Id, manager.Id, manager.FullName, D(2026, 11, 1)));

            var a = Product.Create(company, new ProductInput { Code = "A", Description = "Caneta", Price = 10 });
            var b = Product.Create(company, new ProductInput { Code = "B", Description = "Lápis", Price = 1 });
            var a2 = Product.Create(other, new ProductInput { Code = "A", Description = "Caneta", Price = 10 });
            db.Products.AddRange(a, b, a2);
            await db.SaveChangesAsync();
            (productA, productB) = (a.Id, b.Id);
            Invoice I(int co, int customer, string code, DateOnly date, decimal total, int product)
            {
                var inv = Invoice.Create();
                inv.Apply(co, customer, null, new InvoiceInput { ExternalCode = code, Number = int.Parse(code[2..]), IssueDate = date,
                    Items = [new DocumentItemInput { ProductCode = "x", Quantity = 1, UnitPrice = total }] }, [product]);
                return inv;
            }
            db.Invoices.AddRange(I(company, ana, "NF1", new DateOnly(2026, 11, 1), 1500, a.Id), I(company, ana, "NF2", new DateOnly(2026, 5, 1), 300, b.Id),
                I(company, bruno, "NF3", new DateOnly(2026, 1, 10), 200, b.Id), I(other, carla, "NF4", new DateOnly(2026, 11, 20), 50, a2.Id));
            Receivable R(int customer, string doc, DateOnly due, decimal amount, decimal paid)
            {
                var r = Receivable.Create(company);
                r.Apply(customer, new ReceivableInput { Document = doc, IssueDate = due.AddDays(-30), DueDate = due, Amount = amount, PaidAmount = paid, PaidDate = paid > 0 ? due : null });
                return r;
            }
            db.Receivables.AddRange(R(ana, "T1", new DateOnly(2026, 11, 1), 1000, 0), R(bruno, "T2", new DateOnly(2026, 12, 10), 500, 0), R(davi, "T3", new DateOnly(2026, 10, 1), 300, 300));
            await db.SaveChangesAsync();
        }

        // additional data: the PERFIL registration checklist (riscado → onde → descreva) plus "Quantos veículos?"
        var (checklistId, riscado, onde, descreva, nRiscado, nOnde, nDescreva) = await checklists.DefectAsync("PERFIL", ChecklistUsage.Registration, company);
        var veiculos = await checklists.QuestionAsync("Quantos veículos?", AnswerKind.Number);
        var design = await checklists.Design.OpenAsync(admin, checklistId);
        var nVeiculos = ChecklistTestData.Ok(await checklists.Design.AddRootAsync(admin, design, veiculos.Id));
        await checklists.Checklists.PublishAsync(admin, checklistId, (await checklists.Checklists.GetAsync(admin, checklistId)).Version);
        var fill = t.Get<PersonChecklistService>();
        async Task Fill(int person, params ChecklistAnswer[] answers)
        {
            var form = await fill.GetAsync(agent, person, checklistId);
            await fill.SaveAsync(agent, person, checklistId, new PersonChecklistSave { VersionId = form.VersionId, Answers = [.. answers] });
        }
        await Fill(ana, ChecklistAnswer.Options(nRiscado, ChecklistTestData.Opt(riscado, "Sim")), ChecklistAnswer.Options(nOnde, ChecklistTestData.Opt(onde, "Ponta")),
            ChecklistAnswer.OfText(nDescreva, "fundo"), ChecklistAnswer.OfNumber(nVeiculos, 5));
        await Fill(bruno, ChecklistAnswer.Options(nRiscado, ChecklistTestData.Opt(riscado, "Não")), ChecklistAnswer.OfNumber(nVeiculos, 1));

        await t.LinkPersonAsync(rep.Id, roberto);
        return new SelectionTestData(company, other, manager, admin, agent, rep, otherManager, ana, bruno, carla, davi, roberto,
            comprador, vendas, cancelamento, suporte, cancelReason, supportReason, troca, defeito, productA, productB, riscado, onde, descreva, veiculos);
    }

    public string Name(int id) => id == Ana ? "Ana Ltda" : id == Bruno ? "Bruno ME" : id == Carla ? "Carla Souza" : id == Davi ? "Davi Lima" : id == Roberto ? "Roberto Rep" : "?";

    public static SelectionCondition C(string field, SelectionOperator op, params object[] values) =>
        new() { Field = field, Operator = op, Values = [.. values.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)!)] };

    public static SelectionGroup All(params SelectionNode[] children) => new() { Join = GroupJoin.All, Children = [.. children] };
    public static SelectionGroup Any(params SelectionNode[] children) => new() { Join = GroupJoin.Any, Children = [.. children] };
    public static SelectionGroup Not(SelectionGroup g) { g.Negated = true; return g; }

    public static RelatedCondition Rel(string relation, RelatedMode mode, params SelectionNode[] inner) => new() { Relation = relation, Mode = mode, Where = All(inner) };
    public static RelatedCondition RelN(string relation, int n, params SelectionNode[] inner) => new() { Relation = relation, Mode = RelatedMode.AtLeastN, Count = n, Where = All(inner) };

    public static SelectionDefinition Def(params SelectionNode[] children) => new() { Root = All(children) };
}
