using FoccoCrm.Core.Common;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Parameters;
using FoccoCrm.Core.Persons;
using FoccoCrm.Core.Tests.Persons;
using FoccoCrm.Core.Tickets;

namespace FoccoCrm.Core.Tests.Tickets;

public sealed class TicketPermissionTests : DbTest
{
    private async Task<TicketTestData> DataAsync() => await new TicketTestData(t).SetUpAsync();

    [Fact]
    public async Task AUserOfAnotherCompany_NeitherSeesNorChangesTheTickets()
    {
        var d = await DataAsync();
        var r = await d.OpenAsync();
        var other = await t.CompanyAsync("02");
        var outsider = await t.UserAsync("fora@x.test", Roles.Manager, other);
        await Assert.ThrowsAsync<NotFoundException>(() => d.Service.GetAsync(outsider, r.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => d.Service.MoveAsync(outsider, r.Id, TicketStatus.InExecution, r.Version));
        await Assert.ThrowsAsync<ForbiddenException>(() => d.Service.ListAsync(outsider, d.Company, new TicketQuery()));
        await Assert.ThrowsAsync<ForbiddenException>(() => d.Service.BoardAsync(outsider, d.Company, new TicketBoardFilter(), TicketBoardGroupBy.Status));
        await Assert.ThrowsAsync<ForbiddenException>(() => d.Service.CreateAsync(outsider, d.Company, d.Input(outsider.Id)));
    }

    [Fact]
    public async Task Parameter07No_AgentsSeeOnlyTheirOwnAndUnassignedTickets_ManagersStillSeeAll()
    {
        var d = await DataAsync();
        var ana = await d.OpenAsync(d.Admin, d.Ana.Id);
        var bia = await d.OpenAsync(d.Admin, d.Bia.Id);
        var unassigned = await d.OpenAsync(d.Admin, d.Ana.Id);
        await d.Service.AssignAsync(d.Admin, unassigned.Id, null, unassigned.Version);

        Assert.Equal(3, (await d.Service.ListAsync(d.Ana, d.Company, new TicketQuery())).TotalCount); // default S
        await d.SetParameterAsync(ParameterDefinition.AgentsSeeOthersTickets, "N");

        var seen = (await d.Service.ListAsync(d.Ana, d.Company, new TicketQuery())).Items.Select(x => x.Id).ToHashSet();
        Assert.Equal(new HashSet<long> { ana.Id, unassigned.Id }, seen);
        await Assert.ThrowsAsync<NotFoundException>(() => d.Service.GetAsync(d.Ana, bia.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => d.Service.MoveAsync(d.Ana, bia.Id, TicketStatus.InExecution, bia.Version));
        var board = await d.Service.BoardAsync(d.Ana, d.Company, new TicketBoardFilter(), TicketBoardGroupBy.Status);
        Assert.Equal(2, board.Columns.Sum(c => c.Total));
        Assert.Equal(3, (await d.Service.ListAsync(d.Manager, d.Company, new TicketQuery())).TotalCount);
    }

    [Fact]
    public async Task Representatives_ReadOnlyTheTicketsOfTheirCustomers_AndCannotChangeThem()
    {
        var d = await DataAsync();
        var persons = t.Get<PersonService>();
        var repPerson = await persons.CreateAsync(d.Admin, PersonServiceTests.Legal("Representações Sul", 777, PersonRoles.Representative));
        var rep = await t.UserAsync("rep@x.test", Roles.Representative, d.Company);
        await t.LinkPersonAsync(rep.Id, repPerson);
        await persons.AssignAsync(d.Admin, d.Company, d.C1, repPerson);
        var mine = await d.OpenAsync(customerId: d.C1);
        var notMine = await d.OpenAsync(customerId: d.C2);

        var list = await d.Service.ListAsync(rep, d.Company, new TicketQuery());
        Assert.Equal([mine.Id], list.Items.Select(x => x.Id));
        Assert.False((await d.Service.GetAsync(rep, mine.Id)).CanEdit);
        await Assert.ThrowsAsync<NotFoundException>(() => d.Service.GetAsync(rep, notMine.Id));
        await Assert.ThrowsAsync<ForbiddenException>(() => d.Service.MoveAsync(rep, mine.Id, TicketStatus.InExecution, mine.Version));
        await Assert.ThrowsAsync<ForbiddenException>(() => d.Service.CreateAsync(rep, d.Company, d.Input(d.Ana.Id)));
        await Assert.ThrowsAsync<ForbiddenException>(() => d.Service.AddTaskAsync(rep, mine.Id, new TicketTaskInput
        {
            DueAtUtc = t.Clock.GetUtcNow().UtcDateTime, ResponsibleId = d.Ana.Id, Description = "x",
        }));
    }
}
