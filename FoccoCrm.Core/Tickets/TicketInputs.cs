using FluentValidation;
using FoccoCrm.Core.Commercial;
using FoccoCrm.Core.Common;

namespace FoccoCrm.Core.Tickets;

/// <summary>The opening fields of a ticket (create and update).</summary>
public sealed record TicketInput
{
    public int CustomerId { get; set; }
    public int? ContactId { get; set; }
    public int TypeId { get; set; }
    public int ReasonId { get; set; }
    public TicketOrigin Origin { get; set; } = TicketOrigin.Passive;
    public string Situation { get; set; } = "";
    public TicketPriority Priority { get; set; } = TicketPriority.Normal;
    public string? ResponsibleId { get; set; }
    public bool ScheduledCallback { get; set; }
    public DateTime? CallbackAtUtc { get; set; }
}

public sealed class TicketInputValidator : AbstractValidator<TicketInput>
{
    public TicketInputValidator()
    {
        RuleFor(x => x.CustomerId).GreaterThan(0).WithMessage(_ => TicketMessages.TicketCustomerRequired);
        RuleFor(x => x.TypeId).GreaterThan(0).WithMessage(_ => TicketMessages.TicketTypeRequired);
        RuleFor(x => x.ReasonId).GreaterThan(0).WithMessage(_ => TicketMessages.TicketReasonRequired);
        RuleFor(x => x.Origin).IsInEnum().WithName(_ => TicketMessages.Field_Origin);
        RuleFor(x => x.Priority).IsInEnum().WithName(_ => TicketMessages.Field_Priority);
        RuleFor(x => x.Situation).NotEmpty().WithMessage(_ => TicketMessages.TicketSituationRequired)
            .MaximumLength(4000).WithName(_ => TicketMessages.Field_Situation);
        RuleFor(x => x.ResponsibleId).NotEmpty().WithMessage(_ => TicketMessages.TicketResponsibleRequired);
        RuleFor(x => x.CallbackAtUtc).NotNull().When(x => x.ScheduledCallback).WithMessage(_ => TicketMessages.TicketCallbackDateRequired);
    }
}

/// <summary>A scheduled task (agendamento).</summary>
public sealed record TicketTaskInput
{
    public DateTime DueAtUtc { get; set; }
    public string ResponsibleId { get; set; } = "";
    public string Description { get; set; } = "";
    public bool Done { get; set; }
    public string? Result { get; set; }
}

public sealed class TicketTaskInputValidator : AbstractValidator<TicketTaskInput>
{
    public TicketTaskInputValidator()
    {
        RuleFor(x => x.DueAtUtc).NotEqual(default(DateTime)).WithMessage(_ => TicketMessages.TicketTaskDueRequired);
        RuleFor(x => x.ResponsibleId).NotEmpty().WithMessage(_ => TicketMessages.TicketResponsibleRequired);
        RuleFor(x => x.Description).NotEmpty().WithMessage(_ => TicketMessages.TicketTaskDescriptionRequired)
            .MaximumLength(1000).WithName(_ => Messages.Field_Description);
        RuleFor(x => x.Result).MaximumLength(2000).WithName(_ => TicketMessages.Field_Result);
        RuleFor(x => x.Result).NotEmpty().When(x => x.Done).WithMessage(_ => TicketMessages.TicketTaskResultRequired);
    }
}

/// <summary>A new quote or sales order created from a ticket, for the ticket's customer.</summary>
public sealed record TicketDocumentInput
{
    public DocumentKind Kind { get; set; } = DocumentKind.Quote;
    /// <summary>Valid until (quote) or delivery date (order); optional.</summary>
    public DateOnly? Date { get; set; }
    public List<DocumentItemInput> Items { get; set; } = [];
}

public sealed class TicketDocumentInputValidator : AbstractValidator<TicketDocumentInput>
{
    public TicketDocumentInputValidator()
    {
        RuleFor(x => x.Kind).Must(k => k is DocumentKind.Quote or DocumentKind.SalesOrder).WithMessage(_ => TicketMessages.TicketDocumentKindInvalid);
        RuleFor(x => x.Items).NotEmpty().WithMessage(_ => Messages.ItemsRequired);
        RuleForEach(x => x.Items).SetValidator(new DocumentItemInputValidator());
    }
}

/// <summary>Board filters (kept in the board's URL).</summary>
public sealed record TicketBoardFilter
{
    public bool Mine { get; init; }
    public bool Unassigned { get; init; }
    public int? TypeId { get; init; }
    public TicketPriority? Priority { get; init; }
    public int? CustomerId { get; init; }
    public bool LateOnly { get; init; }
    public string? Text { get; init; }
    /// <summary>Show the Cancelled column (by status) / include closed tickets (by responsible).</summary>
    public bool IncludeClosed { get; init; }

    public bool IsEmpty => !Mine && !Unassigned && TypeId is null && Priority is null && CustomerId is null && !LateOnly && string.IsNullOrWhiteSpace(Text);
}

public enum TicketBoardGroupBy { Status, Responsible }

public enum TicketSort { Number, OpenedAt, Customer, Priority, Status, Responsible }

/// <summary>FCRM0200 list and CCRM0400 (tickets by responsible).</summary>
public sealed record TicketQuery
{
    public string? Search { get; init; }
    public int? CustomerId { get; init; }
    /// <summary>"" = unassigned; null = any.</summary>
    public string? ResponsibleId { get; init; }
    public IReadOnlyList<TicketStatus>? Statuses { get; init; }
    public int? TypeId { get; init; }
    public TicketPriority? Priority { get; init; }
    /// <summary>Opened on or after (UTC).</summary>
    public DateTime? FromUtc { get; init; }
    /// <summary>Opened before (UTC, exclusive).</summary>
    public DateTime? ToUtc { get; init; }
    public bool LateOnly { get; init; }
    public TicketSort Sort { get; init; } = TicketSort.Number;
    public bool Descending { get; init; } = true;
    public int Skip { get; init; }
    public int Take { get; init; } = 25;
}
