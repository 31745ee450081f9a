using FoccoCrm.Core.Commercial;

namespace FoccoCrm.Core.Tickets;

/// <summary>What create returns.</summary>
public sealed record TicketRef(long Id, int Number, Guid Version);

/// <summary>
/// A card of the live board. <see cref="TypeId"/> and <see cref="ClosedAtUtc"/> let a board place a changed card (filter by
/// type, order of the closed columns) without asking the database again.
/// </summary>
public sealed record TicketCard(long Id, int Number, int CustomerId, string CustomerName, string TypeName, string ReasonName,
    TicketPriority Priority, TicketStatus Status, string? ResponsibleId, string? ResponsibleName, DateTime OpenedAtUtc, bool IsLate, Guid Version,
    int TypeId = 0, DateTime? ClosedAtUtc = null, DateTime? NextTaskDueUtc = null, DateTime? CallbackDueUtc = null)
{
    /// <summary>The earliest of the tasks not done (<see cref="NextTaskDueUtc"/>) and the call-back (<see cref="CallbackDueUtc"/>).</summary>
    public DateTime? DueUtc => NextTaskDueUtc is { } task && (CallbackDueUtc is null || task < CallbackDueUtc) ? task : CallbackDueUtc;

    /// <summary>What decides where the card is on a board (and whether a user/filter sees it).</summary>
    public TicketBoardKey Key => new(Status, ResponsibleId, Priority, TypeId, CustomerId);

    public bool IsOpen => Status is TicketStatus.Opened or TicketStatus.InExecution;

    /// <summary>
    /// The card as a user with <paramref name="lateAfterHours"/> (parameter 09, which a user may answer for himself) sees it at
    /// <paramref name="nowUtc"/>: late when open and <see cref="DueUtc"/> (the earliest task not done or call-back) is older than
    /// that. The same instance when nothing changes.
    /// </summary>
    public TicketCard For(int lateAfterHours, DateTime nowUtc)
    {
        var late = IsOpen && DueUtc < nowUtc.AddHours(-lateAfterHours);
        return late == IsLate ? this : this with { IsLate = late };
    }
}

/// <summary>One board column: <see cref="Total"/> tickets in it, <see cref="Count"/> of them match the filter, the first cards.</summary>
public sealed record TicketBoardColumn(string Key, string Title, int Total, int Count, IReadOnlyList<TicketCard> Cards)
{
    public bool HasMore(int skip) => skip + Cards.Count < Count;
}

public sealed record TicketBoard(TicketBoardGroupBy GroupBy, IReadOnlyList<TicketBoardColumn> Columns, int LateAfterHours);

/// <summary>A row of FCRM0200 / CCRM0400.</summary>
public sealed record TicketRow(long Id, int Number, DateTime OpenedAtUtc, int CustomerId, string CustomerName, string TypeName, string ReasonName,
    TicketPriority Priority, TicketStatus Status, TicketOrigin Origin, string? ResponsibleId, string? ResponsibleName, DateTime? ClosedAtUtc, bool IsLate, string Situation);

public sealed record TicketTaskRow(long Id, DateTime DueAtUtc, string ResponsibleId, string ResponsibleName, string Description, bool Done, string? Result,
    DateTime? DoneAtUtc, bool IsLate, Guid Version)
{
    public TicketTaskInput ToInput() => new() { DueAtUtc = DueAtUtc, ResponsibleId = ResponsibleId, Description = Description, Done = Done, Result = Result };
}

public sealed record TicketDocumentLink(DocumentKind Kind, int Id, string ExternalCode, DateOnly IssueDate, decimal Total);

/// <summary>The ticket page: every field, tasks, the linked quote/order, who changed it last, and what the user may do.</summary>
public sealed record TicketDetail(
    long Id, int CompanyId, int Number, int CustomerId, string CustomerName, int? ContactId, string? ContactName,
    int TypeId, string TypeName, int ReasonId, string ReasonName, TicketOrigin Origin, string Situation, TicketPriority Priority,
    string? ResponsibleId, string? ResponsibleName, TicketStatus Status, string? Solution, string? CancelReason,
    bool ScheduledCallback, DateTime? CallbackAtUtc, DateTime OpenedAtUtc, string OpenedByName, DateTime? ClosedAtUtc,
    DateTime UpdatedAtUtc, string UpdatedByName, Guid Version, bool IsLate,
    TicketDocumentLink? Document, IReadOnlyList<TicketTaskRow> Tasks, bool CanEdit)
{
    public bool IsOpen => Status is TicketStatus.Opened or TicketStatus.InExecution;

    public TicketInput ToInput() => new()
    {
        CustomerId = CustomerId, ContactId = ContactId, TypeId = TypeId, ReasonId = ReasonId, Origin = Origin, Situation = Situation,
        Priority = Priority, ResponsibleId = ResponsibleId, ScheduledCallback = ScheduledCallback, CallbackAtUtc = CallbackAtUtc,
    };
}

public sealed record TicketHistoryRow(long Id, DateTime AtUtc, string UserName, string Field, string? From, string? To);

public sealed record TicketUserOption(string Id, string Name);
