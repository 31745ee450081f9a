using FluentValidation;
using FoccoCrm.Core.Catalogs;
using FoccoCrm.Core.Common;
using FoccoCrm.Core.Demo;
using FoccoCrm.Core.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace FoccoCrm.Core.Tests.Catalogs;

public class CatalogServiceTests : DbTest
{
    private CatalogService<ContactType> ContactTypes => t.Get<CatalogService<ContactType>>();
    private CatalogService<TicketType> TicketTypes => t.Get<CatalogService<TicketType>>();
    private CatalogService<TicketReason> TicketReasons => t.Get<CatalogService<TicketReason>>();
    private CatalogService<ChecklistType> ChecklistTypes => t.Get<CatalogService<ChecklistType>>();

    private static CatalogEntryInput Input(CatalogKind kind, int code, string description, bool active = true) =>
        new() { Kind = kind, Code = code, Description = description, IsActive = active };

    private Task<CurrentUser> ManagerAsync() => t.UserAsync("gestor@x.test", Roles.Manager);

    [Fact]
    public async Task Manager_CreatesAnEntry_WithTrimmedDescription_AndEveryRoleReadsIt()
    {
        var manager = await ManagerAsync();
        var id = await ContactTypes.CreateAsync(manager, Input(CatalogKind.ContactType, 1, "  Comprador "));
        var agent = await t.UserAsync("a@x.test", Roles.Agent);
        var rep = await t.UserAsync("r@x.test", Roles.Representative);

        foreach (var reader in new[] { agent, rep })
        {
            var row = Assert.Single(await ContactTypes.ListAsync(reader));
            Assert.Equal((id, 1, "Comprador", true), (row.Id, row.Code, row.Description, row.IsActive));
        }
    }

    [Fact]
    public async Task Administrator_CanMaintainCatalogs()
    {
        var admin = await t.UserAsync("adm@x.test", Roles.Administrator);
        var id = await ContactTypes.CreateAsync(admin, Input(CatalogKind.ContactType, 1, "Comprador"));
        var row = await ContactTypes.GetAsync(admin, id);
        await ContactTypes.UpdateAsync(admin, id, row.ToInput() with { Description = "Compras" }, row.Version);
        Assert.Equal("Compras", (await ContactTypes.GetAsync(admin, id)).Description);
    }

    [Theory]
    [InlineData(Roles.Agent)]
    [InlineData(Roles.Representative)]
    public async Task AgentsAndRepresentatives_CannotCreateEditDeactivateOrDelete(string role)
    {
        var manager = await ManagerAsync();
        var id = await ContactTypes.CreateAsync(manager, Input(CatalogKind.ContactType, 1, "Comprador"));
        var row = await ContactTypes.GetAsync(manager, id);
        var user = await t.UserAsync("u@x.test", role);

        await Assert.ThrowsAsync<ForbiddenException>(() => ContactTypes.CreateAsync(user, Input(CatalogKind.ContactType, 2, "Vendas")));
        await Assert.ThrowsAsync<ForbiddenException>(() => ContactTypes.UpdateAsync(user, id, row.ToInput() with { Description = "X" }, row.Version));
        await Assert.ThrowsAsync<ForbiddenException>(() => ContactTypes.DeactivateAsync(user, id));
        await Assert.ThrowsAsync<ForbiddenException>(() => ContactTypes.DeleteAsync(user, id));
        var unchanged = Assert.Single(await ContactTypes.ListAsync(manager));
        Assert.Equal(("Comprador", true), (unchanged.Description, unchanged.IsActive));
    }

    [Fact]
    public async Task Create_DuplicateCode_IsRejected_AndNothingSaved()
    {
        var manager = await ManagerAsync();
        await ContactTypes.CreateAsync(manager, Input(CatalogKind.ContactType, 1, "Comprador"));
        var ex = await Assert.ThrowsAsync<ValidationException>(() => ContactTypes.CreateAsync(manager, Input(CatalogKind.ContactType, 1, "Vendas")));
        Assert.Contains(ex.Errors, e => e.PropertyName == nameof(CatalogEntryInput.Code));
        Assert.Single(await ContactTypes.ListAsync(manager, includeInactive: true));
    }

    [Fact]
    public async Task Update_ToACodeAnotherEntryHas_IsRejected()
    {
        var manager = await ManagerAsync();
        await ContactTypes.CreateAsync(manager, Input(CatalogKind.ContactType, 1, "Comprador"));
        var id = await ContactTypes.CreateAsync(manager, Input(CatalogKind.ContactType, 2, "Vendas"));
        var row = await ContactTypes.GetAsync(manager, id);
        await Assert.ThrowsAsync<ValidationException>(() => ContactTypes.UpdateAsync(manager, id, row.ToInput() with { Code = 1 }, row.Version));
        await ContactTypes.UpdateAsync(manager, id, row.ToInput() with { Description = "Vendas internas" }, row.Version); // own code is fine
    }

    [Fact]
    public async Task Create_WithBadInput_IsRejected()
    {
        var manager = await ManagerAsync();
        var ex = await Assert.ThrowsAsync<ValidationException>(() => ContactTypes.CreateAsync(manager, Input(CatalogKind.ContactType, 0, "")));
        Assert.Contains(ex.Errors, e => e.PropertyName == nameof(CatalogEntryInput.Code));
        Assert.Contains(ex.Errors, e => e.PropertyName == nameof(CatalogEntryInput.Description));
        Assert.Empty(await ContactTypes.ListAsync(manager, includeInactive: true));
    }

    [Fact]
    public async Task ReasonCodes_AreUniqueWithinTheirType_NotAcrossTypes()
    {
        var manager = await ManagerAsync();
        var cancel = await TicketTypes.CreateAsync(manager, Input(CatalogKind.TicketType, 1, "Cancelamento"));
        var complaint = await TicketTypes.CreateAsync(manager, Input(CatalogKind.TicketType, 2, "Reclamação"));
        await TicketReasons.CreateAsync(manager, Input(CatalogKind.TicketReason, 1, "Não recebimento da mercadoria"), cancel);
        await TicketReasons.CreateAsync(manager, Input(CatalogKind.TicketReason, 1, "Produto com defeito"), complaint);

        var ex = await Assert.ThrowsAsync<ValidationException>(() =>
            TicketReasons.CreateAsync(manager, Input(CatalogKind.TicketReason, 1, "Pedido em duplicidade"), cancel));
        Assert.Contains(ex.Errors, e => e.ErrorMessage.Contains("motivo com o código 1") || e.ErrorMessage.Contains("reason with code 1"));
        Assert.Equal(["Não recebimento da mercadoria"], (await TicketReasons.ListAsync(manager, cancel)).Select(r => r.Description));
        Assert.Equal(1, (await TicketTypes.GetAsync(manager, cancel)).ReasonCount);
    }

    [Fact]
    public async Task Reason_OfAMissingType_IsNotFound()
    {
        var manager = await ManagerAsync();
        await Assert.ThrowsAsync<NotFoundException>(() => TicketReasons.CreateAsync(manager, Input(CatalogKind.TicketReason, 1, "X"), 999));
    }

    [Fact]
    public async Task List_HidesInactiveUnlessAsked_AndSearchesCodeOrDescription()
    {
        var manager = await ManagerAsync();
        await ContactTypes.CreateAsync(manager, Input(CatalogKind.ContactType, 1, "Comprador"));
        await ContactTypes.CreateAsync(manager, Input(CatalogKind.ContactType, 2, "Vendas"));
        await ContactTypes.CreateAsync(manager, Input(CatalogKind.ContactType, 4, "Secretária", active: false));

        Assert.Equal([1, 2], (await ContactTypes.ListAsync(manager)).Select(r => r.Code));
        Assert.Equal([1, 2, 4], (await ContactTypes.ListAsync(manager, includeInactive: true)).Select(r => r.Code));
        Assert.Equal([2], (await ContactTypes.ListAsync(manager, search: "vend")).Select(r => r.Code));
        Assert.Equal([4], (await ContactTypes.ListAsync(manager, search: "4", includeInactive: true)).Select(r => r.Code));
    }

    [Fact]
    public async Task InactiveEntries_AreNotOffered_ForNewRecords()
    {
        var manager = await ManagerAsync();
        var active = await TicketTypes.CreateAsync(manager, Input(CatalogKind.TicketType, 1, "Cancelamento"));
        var inactive = await TicketTypes.CreateAsync(manager, Input(CatalogKind.TicketType, 2, "Antigo", active: false));
        var reason = await TicketReasons.CreateAsync(manager, Input(CatalogKind.TicketReason, 1, "Não recebimento"), active);
        var oldReason = await TicketReasons.CreateAsync(manager, Input(CatalogKind.TicketReason, 2, "Motivo antigo", active: false), active);
        var reasonOfInactiveType = await TicketReasons.CreateAsync(manager, Input(CatalogKind.TicketReason, 1, "Motivo ativo"), inactive);

        Assert.Equal([active], (await TicketTypes.ListActiveAsync(manager)).Select(o => o.Id));
        Assert.Equal([reason], (await TicketReasons.ListActiveAsync(manager, active)).Select(o => o.Id));
        Assert.Empty(await TicketReasons.ListActiveAsync(manager, inactive));

        await TicketTypes.EnsureSelectableAsync(active);
        await TicketReasons.EnsureSelectableAsync(reason, active);
        var ex = await Assert.ThrowsAsync<BusinessRuleException>(() => TicketTypes.EnsureSelectableAsync(inactive));
        Assert.Equal("Tipo de chamado 2 · Antigo está inativo e não pode ser escolhido para novos registros.", ex.Message);
        await Assert.ThrowsAsync<BusinessRuleException>(() => TicketReasons.EnsureSelectableAsync(oldReason, active));
        var parentEx = await Assert.ThrowsAsync<BusinessRuleException>(() => TicketReasons.EnsureSelectableAsync(reasonOfInactiveType, inactive));
        Assert.Contains("tipo inativo", parentEx.Message);
    }

    [Fact]
    public async Task EnsureSelectable_RefusesMissingEntries_AndReasonsOfAnotherType()
    {
        var manager = await ManagerAsync();
        var a = await TicketTypes.CreateAsync(manager, Input(CatalogKind.TicketType, 1, "Cancelamento"));
        var b = await TicketTypes.CreateAsync(manager, Input(CatalogKind.TicketType, 2, "Reclamação"));
        var reasonOfA = await TicketReasons.CreateAsync(manager, Input(CatalogKind.TicketReason, 1, "Não recebimento"), a);

        var missing = await Assert.ThrowsAsync<BusinessRuleException>(() => ContactTypes.EnsureSelectableAsync(12345));
        Assert.Equal("Tipo de contato não encontrado: ele pode ter sido excluído. Escolha outro.", missing.Message);
        await Assert.ThrowsAsync<BusinessRuleException>(() => TicketReasons.EnsureSelectableAsync(reasonOfA, b));
        await Assert.ThrowsAsync<BusinessRuleException>(() => TicketReasons.EnsureSelectableAsync(reasonOfA));
    }

    [Fact]
    public async Task Delete_TypeWithReasons_IsRefused_OfferingToDeactivate()
    {
        var manager = await ManagerAsync();
        var type = await TicketTypes.CreateAsync(manager, Input(CatalogKind.TicketType, 1, "Cancelamento"));
        await TicketReasons.CreateAsync(manager, Input(CatalogKind.TicketReason, 1, "Não recebimento da mercadoria"), type);

        var ex = await Assert.ThrowsAsync<CatalogEntryInUseException>(() => TicketTypes.DeleteAsync(manager, type));
        Assert.Equal("Tipo de chamado 1 · Cancelamento está em uso (tem 1 motivo cadastrado) e não pode ser excluído. " +
                     "Você pode desativá-lo: ele fica no histórico e deixa de ser oferecido em novos registros.", ex.Message);
        Assert.Equal(new CatalogEntryRef(CatalogKind.TicketType, type, 1, "Cancelamento"), ex.Entry);
        Assert.IsAssignableFrom<BusinessRuleException>(ex);

        await TicketTypes.DeactivateAsync(manager, type);
        var row = await TicketTypes.GetAsync(manager, type);
        Assert.False(row.IsActive);
        Assert.Equal(1, row.ReasonCount);
        Assert.Empty(await TicketTypes.ListActiveAsync(manager));
    }

    [Fact]
    public async Task Delete_OccurrenceTypeWithTwoReasons_SaysHowManyReasonsItHas()
    {
        var manager = await ManagerAsync();
        var types = t.Get<CatalogService<OccurrenceType>>();
        var reasons = t.Get<CatalogService<OccurrenceReason>>();
        var type = await types.CreateAsync(manager, Input(CatalogKind.OccurrenceType, 1, "Prorrogação"));
        await reasons.CreateAsync(manager, Input(CatalogKind.OccurrenceReason, 1, "Atraso na entrega"), type);
        await reasons.CreateAsync(manager, Input(CatalogKind.OccurrenceReason, 2, "Atraso títulos"), type);

        var ex = await Assert.ThrowsAsync<CatalogEntryInUseException>(() => types.DeleteAsync(manager, type));
        Assert.Equal("tem 2 motivos cadastrados", ex.Use);
        Assert.Equal(2, (await types.ListAsync(manager)).Single().ReasonCount);
    }

    [Fact]
    public async Task Delete_UnusedEntries_RemovesThem_ReasonFirstThenType()
    {
        var manager = await ManagerAsync();
        var type = await TicketTypes.CreateAsync(manager, Input(CatalogKind.TicketType, 1, "Cancelamento"));
        var reason = await TicketReasons.CreateAsync(manager, Input(CatalogKind.TicketReason, 1, "Não recebimento"), type);

        await TicketReasons.DeleteAsync(manager, reason);
        await TicketTypes.DeleteAsync(manager, type);
        Assert.Empty(await TicketTypes.ListAsync(manager, includeInactive: true));
        await Assert.ThrowsAsync<NotFoundException>(() => TicketTypes.DeleteAsync(manager, type));
    }

    [Fact]
    public async Task Update_AfterSomeoneElseSaved_IsAConcurrencyConflict_WithTheirValues()
    {
        var manager = await ManagerAsync();
        var admin = await t.UserAsync("adm@x.test", Roles.Administrator);
        var id = await ContactTypes.CreateAsync(manager, Input(CatalogKind.ContactType, 1, "Comprador"));
        var mine = await ContactTypes.GetAsync(manager, id);
        var theirs = await ContactTypes.GetAsync(admin, id);
        await ContactTypes.UpdateAsync(admin, id, theirs.ToInput() with { Description = "Compras" }, theirs.Version);

        var ex = await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            ContactTypes.UpdateAsync(manager, id, mine.ToInput() with { Description = "Comprador PJ" }, mine.Version));
        var current = Assert.IsType<CatalogEntryRow>(ex.Current);
        Assert.Equal("Compras", current.Description);

        await ContactTypes.UpdateAsync(manager, id, mine.ToInput() with { Description = "Comprador PJ" }, current.Version); // keep mine
        Assert.Equal("Comprador PJ", (await ContactTypes.GetAsync(manager, id)).Description);
    }

    [Fact]
    public async Task ChecklistType_KeepsItsUsage()
    {
        var manager = await ManagerAsync();
        var id = await ChecklistTypes.CreateAsync(manager, Input(CatalogKind.ChecklistType, 3, "Dados cadastrais") with { Usage = ChecklistUsage.Registration });
        Assert.Equal(ChecklistUsage.Registration, (await ChecklistTypes.GetAsync(manager, id)).Usage);
        await Assert.ThrowsAsync<ValidationException>(() => ChecklistTypes.CreateAsync(manager, Input(CatalogKind.ChecklistType, 4, "Sem uso")));
    }

    [Fact]
    public async Task DemoSeeder_CreatesTheSeedExamples()
    {
        await using (var db = await t.DbAsync())
            await new CatalogDemoSeeder().SeedAsync(new DemoSeedContext(db, 1, t.Clock, NullLogger.Instance), default);

        await using var check = await t.DbAsync();
        var prorrogacao = await check.OccurrenceTypes.Include(x => x.Reasons).SingleAsync(x => x.Description == "Prorrogação");
        Assert.Equal(["Atraso na entrega", "Atraso títulos"], prorrogacao.Reasons.OrderBy(r => r.Code).Select(r => r.Description));
        Assert.Contains(await check.TicketReasons.Select(r => r.Description).ToListAsync(), d => d == "Não recebimento da mercadoria");
        Assert.Equal(["Entrega", "Atraso", "Defeito"], await check.QuestionGroupers.OrderBy(x => x.Code).Select(x => x.Description).ToListAsync());
        Assert.Equal(ChecklistUsage.Registration, (await check.ChecklistTypes.SingleAsync(x => x.Code == 3)).Usage);
        Assert.Equal(["Comprador", "Vendas", "Representante", "Secretária"], await check.ContactTypes.OrderBy(x => x.Code).Select(x => x.Description).ToListAsync());
    }
}
