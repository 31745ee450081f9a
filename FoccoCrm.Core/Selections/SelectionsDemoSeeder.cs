using FoccoCrm.Core.Demo;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Persons;
using FoccoCrm.Core.Tickets;
using Microsoft.EntityFrameworkCore;

namespace FoccoCrm.Core.Selections;

/// <summary>
/// Two saved selections per active demo company, owned by the demo manager and visible to the company, so FERM0202 opens
/// with examples to run, change and generate from: one with a related-data condition, one with a relative date.
/// </summary>
public sealed class SelectionsDemoSeeder : IDemoSeeder
{
    public const string OpenTicketsInSouth = "Clientes do Sul com chamado em aberto";
    public const string NoPurchaseIn90Days = "Clientes sem compra há 90 dias";

    public int Order => 95; // after persons, tickets and the commercial data it reads

    public async Task SeedAsync(DemoSeedContext context, CancellationToken ct)
    {
        var db = context.Db;
        var now = context.Clock.GetUtcNow().UtcDateTime;
        var manager = await db.Users.AsNoTracking().Where(u => u.Email == "gestor@foccocrm.demo").Select(u => new { u.Id, u.Email, u.FullName }).FirstOrDefaultAsync(ct);
        if (manager is null) return;
        var owner = new CurrentUser(manager.Id, manager.Email!, manager.FullName, [Roles.Manager], [], null, null);
        var companies = await db.Companies.AsNoTracking().Where(c => c.IsActive).Select(c => c.Id).ToListAsync(ct);
        foreach (var company in companies)
        {
            Add(company, OpenTicketsInSouth, "Exemplo: clientes em SC, PR ou RS com pelo menos um chamado aberto ou em execução.", new SelectionDefinition
            {
                Roles = PersonRoles.Customer,
                Root = new SelectionGroup
                {
                    Children =
                    [
                        new SelectionCondition { Field = "person.state", Operator = SelectionOperator.In, Values = ["SC", "PR", "RS"] },
                        new RelatedCondition
                        {
                            Relation = "tickets", Mode = RelatedMode.AtLeastOne,
                            Where = new SelectionGroup { Children = [new SelectionCondition { Field = "ticket.status", Operator = SelectionOperator.In,
                                Values = [nameof(TicketStatus.Opened), nameof(TicketStatus.InExecution)] }] },
                        },
                    ],
                },
            });
            Add(company, NoPurchaseIn90Days, "Exemplo: clientes ativos cuja última compra foi há mais de 90 dias (ou que nunca compraram).", new SelectionDefinition
            {
                Roles = PersonRoles.Customer,
                Root = new SelectionGroup
                {
                    Children =
                    [
                        new SelectionCondition { Field = "person.active", Operator = SelectionOperator.IsTrue },
                        new SelectionGroup
                        {
                            Join = GroupJoin.Any,
                            Children =
                            [
                                new SelectionCondition { Field = "purchases.lastDate", Operator = SelectionOperator.MoreThanDaysAgo, Values = ["90"] },
                                new SelectionCondition { Field = "purchases.lastDate", Operator = SelectionOperator.IsEmpty },
                            ],
                        },
                    ],
                },
            });
        }
        await db.SaveChangesAsync(ct);

        void Add(int company, string name, string description, SelectionDefinition definition)
        {
            var s = SavedSelection.Create(company, owner, now);
            s.Apply(new SavedSelectionInput { Name = name, Description = description, Visibility = SelectionVisibility.Company, Kind = SelectionKind.Dynamic, Definition = definition }, now);
            db.SavedSelections.Add(s);
        }
    }
}
