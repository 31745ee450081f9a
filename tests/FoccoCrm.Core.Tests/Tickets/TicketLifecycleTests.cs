using FluentValidation;
using FoccoCrm.Core.Common;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Parameters;
using FoccoCrm.Core.Tickets;
using Microsoft.EntityFrameworkCore;

namespace FoccoCrm.Core.Tests.Tickets;

public sealed class TicketLifecycleTests : DbTest
{
    private async Task<TicketTestData> DataAsync() => await new TicketTestData(t).SetUpAsync();

    [Fact]
    public async Task Create_NumbersTicketsSequentiallyPerCompany()
    {
        var d = await DataAsync();
        var other = await t.CompanyAsync("02");
        var admin2 = await t.UserAsync("adm2@x.test", Roles.Administrator, d.Company, other);
        var a = await d.OpenAsync();
        var b = await d.OpenAsync();
        var first = await d.Service.CreateAsync(admin2, other, d.Input(admin2.Id));
        Assert.Equal([1, 2], new[] { a.Number, b.Number });
        Assert.Equal(1, first.Number);
        Assert.Equal(3, (await d.OpenAsync()).Number);
    }

    [Fact]
    public async Task Create_ContinuesAfterNumbersAlreadyInTheTable()
    {
        var d = await DataAsync();
        var a = await d.OpenAsync();
        await using (var db = await t.DbAsync())
            await db.Database.ExecuteSqlRawAsync("UPDATE Tickets SET Number = 41 WHERE Id = {0}; DELETE FROM TicketCounters;", a.Id);
        Assert.Equal(42, (await d.OpenAsync()).Number);
    }

    [Fact]
    public async Task Database_RejectsTwoTicketsWithTheSameNumberInACompany()
    {
        var d = await DataAsync();
        var a = await d.OpenAsync();
        var b = await d.OpenAsync();
        await using var db = await t.DbAsync();
        await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() =>
            db.Database.ExecuteSqlRawAsync("UPDATE Tickets SET Number = {0} WHERE Id = {1}", a.Number, b.Id));
    }

    [Fact]
    public async Task Create_WithoutTypeReasonSituationOrResponsible_IsRejectedWithEveryMessage()
    {
        var d = await DataAsync();
        var ex = await Assert.ThrowsAsync<ValidationException>(() => d.Service.CreateAsync(d.Ana, d.Company,
            new TicketInput { CustomerId = d.C1, Situation = " " }));
        var props = ex.Errors.Select(e => e.PropertyName).ToHashSet();
        Assert.Contains(nameof(TicketInput.TypeId), props);
        Assert.Contains(nameof(TicketInput.ReasonId), props);
        Assert.Contains(nameof(TicketInput.Situation), props);
        Assert.Equal(0, (await d.Service.ListAsync(d.Admin, d.Company, new TicketQuery())).TotalCount);
    }

    [Fact]
    public async Task Create_TakesTypeAndResponsibleFromParameters01And02()
    {
        var d = await DataAsync();
        await d.SetParameterAsync(ParameterDefinition.DefaultTicketType, d.Type2.ToString());
        await d.SetParameterAsync(ParameterDefinition.DefaultResponsible, d.Bia.Id);
        var defaults = await d.Service.NewInputAsync(d.Ana, d.Company);
        Assert.Equal(d.Type2, defaults.TypeId);
        Assert.Equal(d.Bia.Id, defaults.ResponsibleId);
        var created = await d.Service.CreateAsync(d.Ana, d.Company, d.Input() with { TypeId = 0, ReasonId = d.Reason2, ResponsibleId = null });
        var ticket = await d.Service.GetAsync(d.Admin, created.Id);
        Assert.Equal(d.Type2, ticket.TypeId);
        Assert.Equal(d.Bia.Id, ticket.ResponsibleId);
    }

    [Fact]
    public async Task Create_ReasonOfAnotherType_IsRejected()
    {
        var d = await DataAsync();
        await Assert.ThrowsAsync<BusinessRuleException>(() => d.Service.CreateAsync(d.Ana, d.Company, d.Input() with { ReasonId = d.Reason2 }));
    }

    [Fact]
    public async Task Create_ResponsibleWithoutAccessToTheCompany_IsRejected()
    {
        var d = await DataAsync();
        var other = await t.CompanyAsync("02");
        var outsider = await t.UserAsync("fora@x.test", Roles.Agent, other);
        var ex = await Assert.ThrowsAsync<BusinessRuleException>(() => d.Service.CreateAsync(d.Ana, d.Company, d.Input(outsider.Id)));
        Assert.Equal(TicketMessages.TicketResponsibleInvalid, ex.Message);
    }

    [Fact]
    public async Task Close_WithoutSolution_IsRejected_AndWithSolutionCloses()
    {
        var d = await DataAsync();
        var r = await d.OpenAsync();
        var v = await d.Service.MoveAsync(d.Ana, r.Id, TicketStatus.InExecution, r.Version);
        var ex = await Assert.ThrowsAsync<BusinessRuleException>(() => d.Service.MoveAsync(d.Ana, r.Id, TicketStatus.Closed, v));
        Assert.Equal(TicketMessages.TicketSolutionRequired, ex.Message);
        await d.Service.CloseAsync(d.Ana, r.Id, "Reenviado por transportadora", v);
        var closed = await d.Service.GetAsync(d.Ana, r.Id);
        Assert.Equal(TicketStatus.Closed, closed.Status);
        Assert.Equal("Reenviado por transportadora", closed.Solution);
        Assert.Equal(t.Clock.GetUtcNow().UtcDateTime, closed.ClosedAtUtc);
    }

    [Fact]
    public async Task Reopen_KeepsTheHistoryOfTheClosing()
    {
        var d = await DataAsync();
        var r = await d.OpenAsync();
        var v = await d.Service.CloseAsync(d.Ana, r.Id, "Resolvido", r.Version);
        await d.Service.ReopenAsync(d.Bia, r.Id, v);
        var ticket = await d.Service.GetAsync(d.Ana, r.Id);
        Assert.Equal(TicketStatus.Opened, ticket.Status);
        Assert.Null(ticket.ClosedAtUtc);
        var history = await d.Service.HistoryAsync(d.Ana, r.Id);
        Assert.Contains(history, h => h.Field == TicketFields.Status && h.From == "Opened" && h.To == "Closed" && h.UserName == "ana");
        Assert.Contains(history, h => h.Field == TicketFields.Solution && h.To == "Resolvido");
        Assert.Contains(history, h => h.Field == TicketFields.Status && h.From == "Closed" && h.To == "Opened" && h.UserName == "bia");
        Assert.Contains(history, h => h.Field == TicketFields.Created);
    }

    [Fact]
    public async Task Cancel_NeedsAReason_AndAClosedTicketCannotBeCancelled()
    {
        var d = await DataAsync();
        var r = await d.OpenAsync();
        await Assert.ThrowsAsync<BusinessRuleException>(() => d.Service.CancelAsync(d.Ana, r.Id, " ", r.Version));
        var v = await d.Service.CancelAsync(d.Ana, r.Id, "Cliente desistiu", r.Version);
        Assert.Equal("Cliente desistiu", (await d.Service.GetAsync(d.Ana, r.Id)).CancelReason);
        await Assert.ThrowsAsync<BusinessRuleException>(() => d.Service.CloseAsync(d.Ana, r.Id, "x", v));

        var s = await d.OpenAsync();
        var closed = await d.Service.CloseAsync(d.Ana, s.Id, "ok", s.Version);
        await Assert.ThrowsAsync<BusinessRuleException>(() => d.Service.CancelAsync(d.Ana, s.Id, "tarde", closed));
    }

    [Fact]
    public async Task Update_OfAClosedTicket_IsRejectedUntilReopened()
    {
        var d = await DataAsync();
        var r = await d.OpenAsync();
        var v = await d.Service.CloseAsync(d.Ana, r.Id, "ok", r.Version);
        var ex = await Assert.ThrowsAsync<BusinessRuleException>(() => d.Service.UpdateAsync(d.Ana, r.Id, d.Input() with { Situation = "novo" }, v));
        Assert.Equal(TicketMessages.TicketNotOpen, ex.Message);
    }

    [Fact]
    public async Task Update_WritesOneHistoryLinePerChangedField_WithNames()
    {
        var d = await DataAsync();
        var r = await d.OpenAsync();
        await d.Service.UpdateAsync(d.Ana, r.Id, d.Input() with { Priority = TicketPriority.Urgent, TypeId = d.Type2, ReasonId = d.Reason2 }, r.Version);
        var history = await d.Service.HistoryAsync(d.Ana, r.Id);
        Assert.Contains(history, h => h.Field == TicketFields.Priority && h.From == "Normal" && h.To == "Urgent");
        Assert.Contains(history, h => h.Field == TicketFields.Type && h.From == "1 - Reclamação" && h.To == "2 - Venda");
        Assert.Contains(history, h => h.Field == TicketFields.Reason && h.To == "1 - Orçamento");
        Assert.DoesNotContain(history, h => h.Field == TicketFields.Situation);
    }

    [Fact]
    public async Task ScheduledCallback_WithoutDate_IsRejected()
    {
        var d = await DataAsync();
        await Assert.ThrowsAsync<ValidationException>(() => d.Service.CreateAsync(d.Ana, d.Company, d.Input() with { ScheduledCallback = true }));
        var r = await d.Service.CreateAsync(d.Ana, d.Company, d.Input() with { ScheduledCallback = true, CallbackAtUtc = t.Clock.GetUtcNow().UtcDateTime.AddDays(1) });
        Assert.True((await d.Service.GetAsync(d.Ana, r.Id)).ScheduledCallback);
    }

    [Fact]
    public async Task ATicketTypeOrReasonInUse_CannotBeDeleted()
    {
        var d = await DataAsync();
        await d.OpenAsync();
        await Assert.ThrowsAsync<FoccoCrm.Core.Catalogs.CatalogEntryInUseException>(() => t.Get<FoccoCrm.Core.Catalogs.CatalogService<FoccoCrm.Core.Catalogs.TicketReason>>().DeleteAsync(d.Admin, d.Reason1));
        await t.Get<FoccoCrm.Core.Catalogs.CatalogService<FoccoCrm.Core.Catalogs.TicketReason>>().DeleteAsync(d.Admin, d.Reason2); // unused
    }
}
