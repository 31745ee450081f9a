using FoccoCrm.Core.Common;
using FoccoCrm.Core.Data;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Mail;
using FoccoCrm.Core.Parameters;
using FoccoCrm.Core.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FoccoCrm.Core.Workflow;

/// <summary>
/// Parameter 10: the new responsible of a ticket who asked for it gets an immediate e-mail. <see cref="TicketService"/>
/// stages it on its own context, so the outbox row is written in the same SaveChanges as the assignment.
/// </summary>
public sealed class AssignmentMail(IDigestRenderer renderer, IOptions<WorkflowMailOptions> options, TimeProvider clock)
{
    /// <summary>Adds the e-mail to <paramref name="db"/> when the recipient's parameter 10 is S; null otherwise.</summary>
    public async Task<OutboxMessage?> StageAsync(FoccoDbContext db, Ticket ticket, string recipientId, CurrentUser actor, CancellationToken ct)
    {
        var answers = await db.ParameterAnswers.AsNoTracking()
            .Where(a => a.CompanyId == ticket.CompanyId && a.Number == ParameterDefinition.ImmediateAssignmentEmail && (a.UserId == null || a.UserId == recipientId))
            .Select(a => new { a.UserId, a.Value }).ToListAsync(ct);
        var wanted = ParameterValue.Resolve(ParameterDefinition.Get(ParameterDefinition.ImmediateAssignmentEmail),
            answers.FirstOrDefault(a => a.UserId == null)?.Value, answers.FirstOrDefault(a => a.UserId != null)?.Value).Value == "S";
        if (!wanted) return null;
        var user = await db.Users.AsNoTracking().Where(u => u.Id == recipientId).Select(u => new { u.FullName, u.Email, u.Culture, u.IsActive }).FirstOrDefaultAsync(ct);
        if (user is null || !user.IsActive || string.IsNullOrWhiteSpace(user.Email)) return null;
        var customer = await db.Persons.AsNoTracking().Where(p => p.Id == ticket.CustomerId).Select(p => p.Name).FirstOrDefaultAsync(ct) ?? "";
        var baseUrl = options.Value.BaseUrl.TrimEnd('/');
        var info = new WorkflowEngine.TicketInfo(ticket.Id, ticket.Number, customer, ticket.Situation, ticket.Status, ticket.Priority);
        var model = WorkflowMessages.In(user.Culture, () => new AssignmentMailModel(user.Culture ?? "pt-BR", user.FullName,
            Messages.Format(nameof(WorkflowMessages.AssignmentSubject), ticket.Number, actor.FullName),
            Messages.Format(nameof(WorkflowMessages.DigestGreeting), user.FullName),
            Messages.Format(nameof(WorkflowMessages.AssignmentIntro), actor.FullName, ticket.Number),
            WorkflowEngine.Ticket(info, baseUrl, true, []) with { Link = ticket.Id == 0 ? baseUrl + "/tickets" : $"{baseUrl}/tickets/{ticket.Id}" },
            WorkflowMessages.DigestOpen, WorkflowMessages.DigestFooter));
        var html = await renderer.RenderAssignmentHtmlAsync(model, ct);
        var message = OutboxMessage.Queue(ticket.CompanyId, recipientId, null, WorkflowEngine.AssignmentKind, user.Email, user.FullName,
            model.Subject, html, DigestText.Assignment(model), clock.GetUtcNow().UtcDateTime);
        db.OutboxMessages.Add(message);
        return message;
    }
}
