using FoccoCrm.Core.Catalogs;
using FoccoCrm.Core.Commercial;
using FoccoCrm.Core.Common;
using FoccoCrm.Core.Companies;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Persons;

namespace FoccoCrm.Core.Tickets;

/// <summary>Opened → InExecution → Closed; Closed/Cancelled can be reopened. The numbers are stored: keep them.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<TicketStatus>))]
public enum TicketStatus { Opened = 0, InExecution = 1, Closed = 2, Cancelled = 3 }

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<TicketPriority>))]
public enum TicketPriority { Low = 0, Normal = 1, High = 2, Urgent = 3 }

/// <summary>Active: the company reached out; passive: the customer did.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<TicketOrigin>))]
public enum TicketOrigin { Active = 0, Passive = 1 }

/// <summary>
/// A ticket (chamado, FCRM0200) of one company: opening fields, execution (tasks, call-back), closing (solution),
/// at most one quote or one sales order. State changes go through the methods here; the service records the
/// history and publishes the live events.
/// </summary>
public class Ticket : IVersioned, ICompanyOwned
{
    private Ticket() { }

    public long Id { get; private set; }
    public int CompanyId { get; private set; }
    /// <summary>Sequential per company (see <see cref="TicketCounter"/>).</summary>
    public int Number { get; private set; }
    public int CustomerId { get; private set; }
    public Person? Customer { get; private set; }
    public int? ContactId { get; private set; }
    public Contact? Contact { get; private set; }
    public int TypeId { get; private set; }
    public TicketType? Type { get; private set; }
    public int ReasonId { get; private set; }
    public TicketReason? Reason { get; private set; }
    public TicketOrigin Origin { get; private set; }
    /// <summary>What the customer describes (complaint, product problem, ...).</summary>
    public string Situation { get; private set; } = "";
    public TicketPriority Priority { get; private set; } = TicketPriority.Normal;
    public string? ResponsibleId { get; private set; }
    public AppUser? Responsible { get; private set; }
    public TicketStatus Status { get; private set; }
    public string? Solution { get; private set; }
    public string? CancelReason { get; private set; }
    /// <summary>"Agendamento = sim": the ticket itself has a call-back at <see cref="CallbackAtUtc"/>.</summary>
    public bool ScheduledCallback { get; private set; }
    public DateTime? CallbackAtUtc { get; private set; }
    public int? QuoteId { get; private set; }
    public Quote? Quote { get; private set; }
    public int? SalesOrderId { get; private set; }
    public SalesOrder? SalesOrder { get; private set; }
    public DateTime OpenedAtUtc { get; private set; }
    public string OpenedById { get; private set; } = "";
    public DateTime? ClosedAtUtc { get; private set; }
    public DateTime UpdatedAtUtc { get; private set; }
    public string UpdatedById { get; private set; } = "";
    public string UpdatedByName { get; private set; } = "";
    public Guid Version { get; set; }
    public List<TicketTask> Tasks { get; private set; } = [];

    public bool IsOpen => Status is TicketStatus.Opened or TicketStatus.InExecution;

    public static Ticket Open(int companyId, int number, TicketInput input, CurrentUser by, DateTime nowUtc)
    {
        var t = new Ticket { CompanyId = companyId, Number = number, Status = TicketStatus.Opened, OpenedAtUtc = nowUtc, OpenedById = by.Id };
        t.Apply(input);
        t.Touch(by, nowUtc);
        return t;
    }

    /// <summary>The opening fields (customer, contact, type, reason, origin, situation, priority, responsible, call-back).</summary>
    public void Apply(TicketInput input)
    {
        CustomerId = input.CustomerId;
        ContactId = input.ContactId;
        TypeId = input.TypeId;
        ReasonId = input.ReasonId;
        Origin = input.Origin;
        Situation = input.Situation.Trim();
        Priority = input.Priority;
        ResponsibleId = string.IsNullOrWhiteSpace(input.ResponsibleId) ? null : input.ResponsibleId;
        ScheduledCallback = input.ScheduledCallback;
        CallbackAtUtc = input.ScheduledCallback ? input.CallbackAtUtc : null;
    }

    public void Assign(string? responsibleId) => ResponsibleId = string.IsNullOrWhiteSpace(responsibleId) ? null : responsibleId;

    /// <summary>
    /// Changes the status. Closing needs a solution (given now or already recorded), cancelling a reason; a closed or
    /// cancelled ticket can only go back to Opened/InExecution (reopen), which keeps its history.
    /// </summary>
    public void MoveTo(TicketStatus to, string? note, DateTime nowUtc)
    {
        if (to == Status) return;
        if (!Enum.IsDefined(to)) throw new BusinessRuleException(TicketMessages.TicketStatusInvalid);
        switch (to)
        {
            case TicketStatus.Closed:
                if (Status == TicketStatus.Cancelled) throw new BusinessRuleException(TicketMessages.TicketCancelledCannotClose);
                var solution = string.IsNullOrWhiteSpace(note) ? Solution : note.Trim();
                if (string.IsNullOrWhiteSpace(solution)) throw new BusinessRuleException(TicketMessages.TicketSolutionRequired);
                Solution = solution;
                ClosedAtUtc = nowUtc;
                break;
            case TicketStatus.Cancelled:
                if (Status == TicketStatus.Closed) throw new BusinessRuleException(TicketMessages.TicketClosedCannotCancel);
                if (string.IsNullOrWhiteSpace(note)) throw new BusinessRuleException(TicketMessages.TicketCancelReasonRequired);
                CancelReason = note.Trim();
                ClosedAtUtc = nowUtc;
                break;
            default: // reopen, or Opened <-> InExecution
                ClosedAtUtc = null;
                break;
        }
        Status = to;
    }

    /// <summary>Links one quote or one order; never both.</summary>
    public void LinkDocument(DocumentKind kind, int documentId)
    {
        if (QuoteId is not null || SalesOrderId is not null) throw new BusinessRuleException(TicketMessages.TicketAlreadyHasDocument);
        if (kind == DocumentKind.Quote) QuoteId = documentId;
        else if (kind == DocumentKind.SalesOrder) SalesOrderId = documentId;
        else throw new BusinessRuleException(TicketMessages.TicketDocumentKindInvalid);
    }

    public void UnlinkDocument()
    {
        QuoteId = null;
        SalesOrderId = null;
    }

    public void EnsureEditable()
    {
        if (!IsOpen) throw new BusinessRuleException(TicketMessages.TicketNotOpen);
    }

    /// <summary>Demo data: a ticket opened in the past.</summary>
    internal void Backdate(DateTime openedAtUtc)
    {
        OpenedAtUtc = openedAtUtc;
        if (UpdatedAtUtc < openedAtUtc) UpdatedAtUtc = openedAtUtc;
    }

    public void Touch(CurrentUser by, DateTime nowUtc)
    {
        UpdatedAtUtc = nowUtc;
        UpdatedById = by.Id;
        UpdatedByName = by.FullName;
    }
}

/// <summary>A scheduled task (agendamento) of a ticket: for its responsible or someone else.</summary>
public class TicketTask : IVersioned
{
    private TicketTask() { }

    public long Id { get; private set; }
    public long TicketId { get; private set; }
    public DateTime DueAtUtc { get; private set; }
    public string ResponsibleId { get; private set; } = "";
    public AppUser? Responsible { get; private set; }
    public string Description { get; private set; } = "";
    public bool Done { get; private set; }
    public string? Result { get; private set; }
    public DateTime? DoneAtUtc { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public string CreatedById { get; private set; } = "";
    public Guid Version { get; set; }

    public static TicketTask Create(TicketTaskInput input, CurrentUser by, DateTime nowUtc)
    {
        var t = new TicketTask { CreatedAtUtc = nowUtc, CreatedById = by.Id };
        t.Apply(input, nowUtc);
        return t;
    }

    public void Apply(TicketTaskInput input, DateTime nowUtc)
    {
        DueAtUtc = DateTime.SpecifyKind(input.DueAtUtc, DateTimeKind.Utc);
        ResponsibleId = input.ResponsibleId;
        Description = input.Description.Trim();
        Result = string.IsNullOrWhiteSpace(input.Result) ? null : input.Result.Trim();
        if (input.Done && !Done) DoneAtUtc = nowUtc;
        if (!input.Done) DoneAtUtc = null;
        Done = input.Done;
    }

    /// <summary>Late: not done and due more than <paramref name="lateAfterHours"/> (parameter 09) ago.</summary>
    public static bool IsLate(bool done, DateTime dueAtUtc, int lateAfterHours, DateTime nowUtc) =>
        !done && dueAtUtc.AddHours(lateAfterHours) < nowUtc;
}

/// <summary>One line of a ticket's history: who changed which field from what to what, and when.</summary>
public class TicketHistory
{
    private TicketHistory() { }

    public long Id { get; private set; }
    public long TicketId { get; private set; }
    /// <summary>Set when written with a new ticket, so both go in one SaveChanges.</summary>
    public Ticket? Ticket { get; private set; }
    public DateTime AtUtc { get; private set; }
    public string UserId { get; private set; } = "";
    public string UserName { get; private set; } = "";
    /// <summary>A <see cref="TicketFields"/> name.</summary>
    public string Field { get; private set; } = "";
    public string? From { get; private set; }
    public string? To { get; private set; }

    public static TicketHistory Create(Ticket ticket, CurrentUser by, DateTime nowUtc, string field, string? from, string? to) =>
        new() { Ticket = ticket, TicketId = ticket.Id, AtUtc = nowUtc, UserId = by.Id, UserName = by.FullName, Field = field, From = Cut(from), To = Cut(to) };

    internal static TicketHistory Create(long ticketId, string userId, string userName, DateTime nowUtc, string field, string? from, string? to) =>
        new() { TicketId = ticketId, AtUtc = nowUtc, UserId = userId, UserName = userName, Field = field, From = Cut(from), To = Cut(to) };

    private static string? Cut(string? s) => s is null ? null : s.Length <= 1000 ? s : s[..999] + "…";
}

/// <summary>The last ticket number given per company: incremented in the same statement that reads it.</summary>
public class TicketCounter
{
    public int CompanyId { get; private set; }
    public int Last { get; private set; }
}

/// <summary>The field names written to <see cref="TicketHistory.Field"/> (the UI localizes them as "TicketField_X").</summary>
public static class TicketFields
{
    public const string Created = nameof(Created);
    public const string Customer = nameof(Customer);
    public const string Contact = nameof(Contact);
    public const string Type = nameof(Type);
    public const string Reason = nameof(Reason);
    public const string Origin = nameof(Origin);
    public const string Situation = nameof(Situation);
    public const string Priority = nameof(Priority);
    public const string Responsible = nameof(Responsible);
    public const string Status = nameof(Status);
    public const string Solution = nameof(Solution);
    public const string CancelReason = nameof(CancelReason);
    public const string ScheduledCallback = nameof(ScheduledCallback);
    public const string CallbackAt = nameof(CallbackAt);
    public const string Quote = nameof(Quote);
    public const string SalesOrder = nameof(SalesOrder);
    public const string TaskAdded = nameof(TaskAdded);
    public const string TaskChanged = nameof(TaskChanged);
    public const string TaskDone = nameof(TaskDone);

    public static readonly IReadOnlyList<string> All =
        [Created, Customer, Contact, Type, Reason, Origin, Situation, Priority, Responsible, Status, Solution, CancelReason,
         ScheduledCallback, CallbackAt, Quote, SalesOrder, TaskAdded, TaskChanged, TaskDone];
}
