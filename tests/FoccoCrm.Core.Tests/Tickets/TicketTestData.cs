using FoccoCrm.Core.Catalogs;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Live;
using FoccoCrm.Core.Parameters;
using FoccoCrm.Core.Tests.Commercial;
using FoccoCrm.Core.Tickets;

namespace FoccoCrm.Core.Tests.Tickets;

/// <summary>
/// On top of <see cref="CommercialTestData"/> (company, admin, customers C1..C3, products P1..P3): a manager, two agents,
/// ticket types 1 and 2 with reasons, and a recorder of the live ticket events.
/// </summary>
public sealed class TicketTestData(TestDb t)
{
    public CommercialTestData Commercial { get; } = new(t);
    public int Company => Commercial.Company;
    public CurrentUser Admin => Commercial.Admin;
    public CurrentUser Manager { get; private set; } = default!;
    public CurrentUser Ana { get; private set; } = default!;
    public CurrentUser Bia { get; private set; } = default!;
    public int Type1 { get; private set; }
    public int Reason1 { get; private set; }
    public int Type2 { get; private set; }
    public int Reason2 { get; private set; }
    public int C1 => Commercial.Customers["C1"];
    public int C2 => Commercial.Customers["C2"];
    public List<LiveChange> Events { get; } = [];
    private IDisposable? subscription;

    public TicketService Service => t.Get<TicketService>();

    public async Task<TicketTestData> SetUpAsync()
    {
        await Commercial.SetUpAsync();
        Manager = await t.UserAsync("gestor@x.test", Roles.Manager, Company);
        Ana = await t.UserAsync("ana@x.test", Roles.Agent, Company);
        Bia = await t.UserAsync("bia@x.test", Roles.Agent, Company);
        var typesService = t.Get<CatalogService<TicketType>>();
        var reasonsService = t.Get<CatalogService<TicketReason>>();
        Type1 = await typesService.CreateAsync(Admin, new CatalogEntryInput { Kind = CatalogKind.TicketType, Code = 1, Description = "Reclamação" });
        Reason1 = await reasonsService.CreateAsync(Admin, new CatalogEntryInput { Kind = CatalogKind.TicketReason, Code = 1, Description = "Atraso na entrega" }, Type1);
        Type2 = await typesService.CreateAsync(Admin, new CatalogEntryInput { Kind = CatalogKind.TicketType, Code = 2, Description = "Venda" });
        Reason2 = await reasonsService.CreateAsync(Admin, new CatalogEntryInput { Kind = CatalogKind.TicketReason, Code = 1, Description = "Orçamento" }, Type2);
        subscription = t.Get<IChangeFeed>().Subscribe(LiveTopics.Tickets(Company), c => { lock (Events) Events.Add(c); return Task.CompletedTask; });
        return this;
    }

    public TicketInput Input(string? responsibleId = null, int? customerId = null) => new()
    {
        CustomerId = customerId ?? C1, TypeId = Type1, ReasonId = Reason1, Origin = TicketOrigin.Passive,
        Situation = "Pedido atrasado", Priority = TicketPriority.Normal, ResponsibleId = responsibleId ?? Ana.Id,
    };

    public Task<TicketRef> OpenAsync(CurrentUser? by = null, string? responsibleId = null, int? customerId = null) =>
        Service.CreateAsync(by ?? Admin, Company, Input(responsibleId, customerId));

    public async Task SetParameterAsync(string number, string value)
    {
        var sheet = await t.Get<ParameterService>().GetSheetAsync(Admin, Company);
        var row = sheet.Rows.First(r => r.Definition.Number == number);
        await t.Get<ParameterService>().SaveCompanyAnswersAsync(Admin, Company, new Dictionary<string, string?> { [number] = value },
            new Dictionary<string, Guid?> { [number] = row.CompanyVersion });
    }

    public void Dispose() => subscription?.Dispose();
}
