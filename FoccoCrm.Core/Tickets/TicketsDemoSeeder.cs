using FoccoCrm.Core.Commercial;
using FoccoCrm.Core.Demo;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Persons;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace FoccoCrm.Core.Tickets;

/// <summary>
/// ~200 tickets in the first company and ~100 in the second, over the last 90 days, in every status and priority,
/// with tasks (some late), call-backs, history lines and some linked quotes/orders of the same customer.
/// Written with change detection off and a handful of SaveChanges, so a fresh start stays fast.
/// </summary>
public sealed class TicketsDemoSeeder : IDemoSeeder
{
    public int Order => 45;

    private static readonly string[] Situations =
    [
        "Cliente relata atraso na entrega do pedido.", "Produto chegou com avaria na embalagem.", "Solicita segunda via do boleto.",
        "Reclama de cobrança em duplicidade.", "Pede orçamento para reposição de estoque.", "Equipamento apresenta ruído após instalação.",
        "Dúvida sobre prazo de garantia.", "Quer renegociar parcelas em atraso.", "Solicita visita técnica para manutenção.",
        "Pedido veio com quantidade divergente.", "Interesse em nova linha de produtos.", "Nota fiscal com CNPJ incorreto.",
    ];

    private static readonly string[] Solutions =
    [
        "Reenviado o material por transportadora expressa.", "Emitida nota de crédito ao cliente.", "Boleto reenviado por e-mail.",
        "Visita técnica realizada e equipamento ajustado.", "Orçamento enviado e aprovado.", "Parcelas renegociadas em 3x.",
    ];

    public async Task SeedAsync(DemoSeedContext context, CancellationToken ct)
    {
        var db = context.Db;
        var f = context.Faker;
        if (!context.Items.TryGetValue("companies", out var c) || c is not int[] { Length: > 0 } companyIds) return;
        var types = await db.TicketReasons.AsNoTracking().Where(r => r.IsActive && r.Type!.IsActive).Select(r => new { r.TypeId, r.Id }).ToListAsync(ct);
        if (types.Count == 0) return;
        var now = context.Clock.GetUtcNow().UtcDateTime;
        var staff = await (from u in db.Users.AsNoTracking()
                           join ur in db.UserRoles on u.Id equals ur.UserId
                           join r in db.Roles on ur.RoleId equals r.Id
                           where r.Name == Roles.Administrator || r.Name == Roles.Manager || r.Name == Roles.Agent
                           select new { u.Id, u.Email, u.FullName }).Distinct().ToListAsync(ct);
        var access = await db.UserCompanies.AsNoTracking().Select(x => new { x.UserId, x.CompanyId }).ToListAsync(ct);
        var customers = await db.Persons.AsNoTracking().Where(p => p.IsActive && ((int)p.Roles & (int)PersonRoles.Customer) != 0)
            .OrderBy(p => p.Id).Select(p => p.Id).Take(120).ToListAsync(ct);
        if (customers.Count == 0 || staff.Count == 0) return;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var total = 0;

        foreach (var (companyId, count) in companyIds.Take(2).Zip([200, 100]))
        {
            var people = staff.Where(s => access.Any(a => a.UserId == s.Id && a.CompanyId == companyId))
                .Select(s => new CurrentUser(s.Id, s.Email ?? "", s.FullName, [], [], companyId, null)).ToList();
            if (people.Count == 0) continue;
            var quotes = await db.Quotes.AsNoTracking().Where(q => q.CompanyId == companyId).Select(q => new { q.Id, q.CustomerId }).ToListAsync(ct);
            var orders = await db.SalesOrders.AsNoTracking().Where(q => q.CompanyId == companyId).Select(q => new { q.Id, q.CustomerId }).ToListAsync(ct);
            var usedQuotes = new HashSet<int>();
            var usedOrders = new HashSet<int>();
            var batch = new List<(Ticket Ticket, List<(DateTime At, CurrentUser By, string Field, string? From, string? To)> History)>();
            for (var n = 1; n <= count; n++)
            {
                var opener = f.PickRandom(people);
                var reason = f.PickRandom(types);
                var openedAt = now.AddMinutes(-f.Random.Int(30, 90 * 24 * 60));
                var responsible = f.Random.Bool(0.9f) ? f.PickRandom(people) : null;
                (DocumentKind Kind, int Id, int CustomerId)? document = null;
                if (f.Random.Bool(0.2f))
                {
                    var useQuote = f.Random.Bool();
                    var pool = useQuote ? quotes.Where(q => !usedQuotes.Contains(q.Id)).ToList() : orders.Where(q => !usedOrders.Contains(q.Id)).ToList();
                    if (pool.Count > 0)
                    {
                        var pick = f.PickRandom(pool);
                        document = (useQuote ? DocumentKind.Quote : DocumentKind.SalesOrder, pick.Id, pick.CustomerId);
                        (useQuote ? usedQuotes : usedOrders).Add(pick.Id);
                    }
                }
                var input = new TicketInput
                {
                    CustomerId = document?.CustomerId ?? f.PickRandom(customers), TypeId = reason.TypeId, ReasonId = reason.Id,
                    Origin = f.Random.Bool(0.6f) ? TicketOrigin.Passive : TicketOrigin.Active, Situation = f.PickRandom(Situations),
                    Priority = f.Random.WeightedRandom([TicketPriority.Low, TicketPriority.Normal, TicketPriority.High, TicketPriority.Urgent], [0.2f, 0.5f, 0.2f, 0.1f]),
                    ResponsibleId = responsible?.Id, ScheduledCallback = f.Random.Bool(0.15f),
                };
                if (input.ScheduledCallback) input.CallbackAtUtc = now.AddHours(f.Random.Int(-72, 96));
                var ticket = Ticket.Open(companyId, n, input, opener, openedAt);
                ticket.Backdate(openedAt);
                var history = new List<(DateTime, CurrentUser, string, string?, string?)> { (openedAt, opener, TicketFields.Created, null, "#" + n) };
                var roll = f.Random.Double();
                var target = roll < 0.30 ? TicketStatus.Opened : roll < 0.60 ? TicketStatus.InExecution : roll < 0.92 ? TicketStatus.Closed : TicketStatus.Cancelled;
                var actor = responsible ?? opener;
                var at = openedAt;
                if (target != TicketStatus.Opened)
                {
                    at = Min(now, at.AddHours(f.Random.Int(1, 48)));
                    ticket.MoveTo(TicketStatus.InExecution, null, at);
                    history.Add((at, actor, TicketFields.Status, nameof(TicketStatus.Opened), nameof(TicketStatus.InExecution)));
                }
                if (target is TicketStatus.Closed or TicketStatus.Cancelled)
                {
                    at = Min(now, at.AddHours(f.Random.Int(1, 120)));
                    var note = target == TicketStatus.Closed ? f.PickRandom(Solutions) : "Cliente desistiu da solicitação.";
                    ticket.MoveTo(target, note, at);
                    history.Add((at, actor, TicketFields.Status, nameof(TicketStatus.InExecution), target.ToString()));
                    history.Add((at, actor, target == TicketStatus.Closed ? TicketFields.Solution : TicketFields.CancelReason, null, note));
                }
                ticket.Touch(actor, at);
                // Tasks: done in the past, open in the future, and some open in the past (late).
                var tasks = f.Random.Int(0, 3);
                for (var k = 0; k < tasks; k++)
                {
                    var due = openedAt.AddHours(f.Random.Int(2, 24 * 20));
                    var done = due < now && (ticket.Status != TicketStatus.Opened && ticket.Status != TicketStatus.InExecution || f.Random.Bool(0.6f));
                    var task = TicketTask.Create(new TicketTaskInput
                    {
                        DueAtUtc = due, ResponsibleId = (responsible ?? opener).Id, Description = f.PickRandom("Ligar para o cliente", "Enviar proposta", "Agendar visita técnica", "Conferir estoque", "Retornar com prazo"),
                        Done = done, Result = done ? f.PickRandom("Cliente atendido.", "Proposta enviada.", "Visita confirmada.", "Sem retorno; nova tentativa agendada.") : null,
                    }, opener, openedAt);
                    ticket.Tasks.Add(task);
                    history.Add((openedAt, opener, TicketFields.TaskAdded, null, task.Description));
                }
                // One in five has a quote or an order of its customer (chosen above).
                if (document is { } doc)
                {
                    ticket.LinkDocument(doc.Kind, doc.Id);
                    history.Add((openedAt, opener, doc.Kind == DocumentKind.Quote ? TicketFields.Quote : TicketFields.SalesOrder, null,
                        doc.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                }
                ticket.Version = Guid.NewGuid();
                batch.Add((ticket, history));
            }
            db.Tickets.AddRange(batch.Select(b => b.Ticket));
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            foreach (var (ticket, history) in batch)
                foreach (var (at, by, field, from, to) in history)
                    db.TicketHistory.Add(TicketHistory.Create(ticket.Id, by.Id, by.FullName, at, field, from, to));
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            total += batch.Count;
        }
        db.ChangeTracker.AutoDetectChangesEnabled = true;
        context.Logger.LogInformation("Demo tickets: {Count}", total);
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
}
