using FluentValidation;
using FoccoCrm.Core.Commercial;
using FoccoCrm.Core.Common;
using FoccoCrm.Core.Parameters;
using FoccoCrm.Core.Tests.Commercial;
using FoccoCrm.Core.Tickets;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace FoccoCrm.Core.Tests.Tickets;

public sealed class TicketExecutionTests : DbTest
{
    private async Task<TicketTestData> DataAsync() => await new TicketTestData(t).SetUpAsync();
    private DateTime Now => t.Clock.GetUtcNow().UtcDateTime;

    private async Task<(int Quote, int Order, int OtherCustomersQuote)> DocumentsAsync(TicketTestData d)
    {
        var up = t.Get<CommercialUpsertService>();
        var today = CommercialTestData.Today;
        await up.UpsertQuotesAsync(d.Admin, d.Company,
        [
            new QuoteInput { ExternalCode = "ORC-1", CustomerCode = "C1", IssueDate = today, Items = [new() { ProductCode = "P1", Quantity = 2, UnitPrice = 10 }] },
            new QuoteInput { ExternalCode = "ORC-2", CustomerCode = "C2", IssueDate = today, Items = [new() { ProductCode = "P1", Quantity = 1, UnitPrice = 10 }] },
        ]);
        await up.UpsertSalesOrdersAsync(d.Admin, d.Company, [CommercialTestData.Order("PED-1", "C1", today, ("P2", 1, 35.5m))]);
        await using var db = await t.DbAsync();
        return (await db.Quotes.Where(q => q.ExternalCode == "ORC-1").Select(q => q.Id).SingleAsync(),
                await db.SalesOrders.Where(q => q.ExternalCode == "PED-1").Select(q => q.Id).SingleAsync(),
                await db.Quotes.Where(q => q.ExternalCode == "ORC-2").Select(q => q.Id).SingleAsync());
    }

    [Fact]
    public async Task ATicket_HasOneQuoteOrOneOrder_NeverBoth()
    {
        var d = await DataAsync();
        var (quote, order, _) = await DocumentsAsync(d);
        var r = await d.OpenAsync();
        var v = await d.Service.LinkDocumentAsync(d.Ana, r.Id, DocumentKind.Quote, quote, r.Version);
        var ex = await Assert.ThrowsAsync<BusinessRuleException>(() => d.Service.LinkDocumentAsync(d.Ana, r.Id, DocumentKind.SalesOrder, order, v));
        Assert.Equal(TicketMessages.TicketAlreadyHasDocument, ex.Message);
        var detail = await d.Service.GetAsync(d.Ana, r.Id);
        Assert.Equal(DocumentKind.Quote, detail.Document!.Kind);
        Assert.Equal("ORC-1", detail.Document.ExternalCode);
        v = await d.Service.UnlinkDocumentAsync(d.Ana, r.Id, detail.Version);
        await d.Service.LinkDocumentAsync(d.Ana, r.Id, DocumentKind.SalesOrder, order, v);
        Assert.Equal(DocumentKind.SalesOrder, (await d.Service.GetAsync(d.Ana, r.Id)).Document!.Kind);
    }

    [Fact]
    public async Task AQuote_BelongsToOneTicket_AndMustBeOfTheTicketsCustomer()
    {
        var d = await DataAsync();
        var (quote, _, otherCustomers) = await DocumentsAsync(d);
        var a = await d.OpenAsync();
        var b = await d.OpenAsync();
        await d.Service.LinkDocumentAsync(d.Ana, a.Id, DocumentKind.Quote, quote, a.Version);
        var taken = await Assert.ThrowsAsync<BusinessRuleException>(() => d.Service.LinkDocumentAsync(d.Ana, b.Id, DocumentKind.Quote, quote, b.Version));
        Assert.Equal(TicketMessages.TicketDocumentTaken, taken.Message);
        var other = await Assert.ThrowsAsync<BusinessRuleException>(() => d.Service.LinkDocumentAsync(d.Ana, b.Id, DocumentKind.Quote, otherCustomers, b.Version));
        Assert.Equal(TicketMessages.TicketDocumentOfOtherCustomer, other.Message);
        Assert.Empty(await d.Service.LinkableDocumentsAsync(d.Ana, b.Id, DocumentKind.Quote));
    }

    [Fact]
    public async Task TheDatabase_RefusesBothDocumentsOnATicket_AndOneQuoteOnTwoTickets()
    {
        var d = await DataAsync();
        var (quote, order, _) = await DocumentsAsync(d);
        var a = await d.OpenAsync();
        var b = await d.OpenAsync();
        await using var db = await t.DbAsync();
        var both = await Assert.ThrowsAsync<SqliteException>(() =>
            db.Database.ExecuteSqlRawAsync("UPDATE Tickets SET QuoteId = {0}, SalesOrderId = {1} WHERE Id = {2}", quote, order, a.Id));
        Assert.Contains("CHECK", both.Message, StringComparison.OrdinalIgnoreCase);
        await db.Database.ExecuteSqlRawAsync("UPDATE Tickets SET QuoteId = {0} WHERE Id = {1}", quote, a.Id);
        var twice = await Assert.ThrowsAsync<SqliteException>(() =>
            db.Database.ExecuteSqlRawAsync("UPDATE Tickets SET QuoteId = {0} WHERE Id = {1}", quote, b.Id));
        Assert.Contains("UNIQUE", twice.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task CreateDocument_MakesAQuoteWithItemsForTheCustomer_AndLinksIt()
    {
        var d = await DataAsync();
        var r = await d.OpenAsync();
        var (docId, v) = await d.Service.CreateDocumentAsync(d.Ana, r.Id, new TicketDocumentInput
        {
            Kind = DocumentKind.Quote, Items = [new() { ProductCode = "P1", Quantity = 3, UnitPrice = 10 }, new() { ProductCode = "P3", Quantity = 1, UnitPrice = 250 }],
        }, r.Version);
        var doc = await t.Get<CommercialService>().GetDocumentAsync(d.Admin, d.Company, DocumentKind.Quote, docId);
        Assert.Equal(d.C1, doc.Header.CustomerId);
        Assert.Equal(280m, doc.Header.Total);
        Assert.Equal($"CH-{r.Number}", doc.Header.ExternalCode);
        Assert.Equal(2, doc.Items.Count);
        Assert.Equal(docId, (await d.Service.GetAsync(d.Ana, r.Id)).Document!.Id);
        await Assert.ThrowsAsync<BusinessRuleException>(() => d.Service.CreateDocumentAsync(d.Ana, r.Id, new TicketDocumentInput
        {
            Kind = DocumentKind.SalesOrder, Items = [new() { ProductCode = "P1", Quantity = 1, UnitPrice = 10 }],
        }, v));
    }

    [Fact]
    public async Task CreateDocument_WithAnUnknownProductOrNoItems_IsRejectedAndCreatesNothing()
    {
        var d = await DataAsync();
        var r = await d.OpenAsync();
        await Assert.ThrowsAsync<ValidationException>(() => d.Service.CreateDocumentAsync(d.Ana, r.Id, new TicketDocumentInput(), r.Version));
        await Assert.ThrowsAsync<BusinessRuleException>(() => d.Service.CreateDocumentAsync(d.Ana, r.Id, new TicketDocumentInput
        {
            Items = [new() { ProductCode = "NOPE", Quantity = 1, UnitPrice = 1 }],
        }, r.Version));
        await using var db = await t.DbAsync();
        Assert.Equal(0, await db.Quotes.CountAsync());
    }

    [Fact]
    public async Task Tasks_AreLateWhenNotDoneAndDuePlusParameter09HoursHasPassed()
    {
        var d = await DataAsync();
        await d.SetParameterAsync(ParameterDefinition.LateAfterHours, "2");
        var r = await d.OpenAsync();
        var taskId = await d.Service.AddTaskAsync(d.Ana, r.Id, new TicketTaskInput { DueAtUtc = Now.AddHours(-1), ResponsibleId = d.Bia.Id, Description = "Ligar para o cliente" });
        var detail = await d.Service.GetAsync(d.Ana, r.Id);
        Assert.False(detail.Tasks.Single().IsLate); // due 1 h ago, tolerance 2 h
        Assert.False(detail.IsLate);
        t.Clock.Advance(TimeSpan.FromHours(1.5));
        detail = await d.Service.GetAsync(d.Ana, r.Id);
        Assert.True(detail.Tasks.Single().IsLate);
        Assert.True(detail.IsLate);
        Assert.True((await d.Service.ListAsync(d.Ana, d.Company, new TicketQuery { LateOnly = true })).TotalCount == 1);

        var task = detail.Tasks.Single();
        await Assert.ThrowsAsync<ValidationException>(() => d.Service.UpdateTaskAsync(d.Ana, taskId, task.ToInput() with { Done = true }, task.Version));
        await d.Service.UpdateTaskAsync(d.Ana, taskId, task.ToInput() with { Done = true, Result = "Cliente atendido" }, task.Version);
        detail = await d.Service.GetAsync(d.Ana, r.Id);
        Assert.True(detail.Tasks.Single().Done);
        Assert.False(detail.IsLate);
        var history = await d.Service.HistoryAsync(d.Ana, r.Id);
        Assert.Contains(history, h => h.Field == TicketFields.TaskAdded && h.To!.Contains("Ligar para o cliente"));
        Assert.Contains(history, h => h.Field == TicketFields.TaskDone && h.To!.Contains("Cliente atendido"));
    }

    [Fact]
    public async Task UpdateTask_WithAStaleVersion_IsAConflict_AndTasksDoNotConflictWithTheTicketForm()
    {
        var d = await DataAsync();
        var r = await d.OpenAsync();
        var taskId = await d.Service.AddTaskAsync(d.Ana, r.Id, new TicketTaskInput { DueAtUtc = Now.AddDays(1), ResponsibleId = d.Ana.Id, Description = "Enviar proposta" });
        var task = (await d.Service.GetAsync(d.Ana, r.Id)).Tasks.Single();
        await d.Service.UpdateTaskAsync(d.Bia, taskId, task.ToInput() with { Description = "Enviar proposta revisada" }, task.Version);
        var ex = await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            d.Service.UpdateTaskAsync(d.Ana, taskId, task.ToInput() with { Description = "Outra" }, task.Version));
        Assert.Equal("Enviar proposta revisada", Assert.IsType<TicketTaskRow>(ex.Current).Description);
        // The ticket version the form holds is still good.
        await d.Service.UpdateAsync(d.Ana, r.Id, d.Input() with { Situation = "Atualizado" }, r.Version);
    }

    [Fact]
    public async Task AddTask_OnAClosedTicket_IsRejected()
    {
        var d = await DataAsync();
        var r = await d.OpenAsync();
        await d.Service.CloseAsync(d.Ana, r.Id, "ok", r.Version);
        await Assert.ThrowsAsync<BusinessRuleException>(() => d.Service.AddTaskAsync(d.Ana, r.Id, new TicketTaskInput { DueAtUtc = Now, ResponsibleId = d.Ana.Id, Description = "x" }));
    }
}
