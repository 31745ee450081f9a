using FoccoCrm.Core.Tickets;
using CardData = FoccoCrm.Core.Tickets.TicketCard;

namespace FoccoCrm.Web.Features.Tickets.Board;

/// <summary>What the card menu asks for: a new status, or a new responsible (<see cref="Assign"/> with null = unassigned).</summary>
public sealed record CardCommand(CardData Card, TicketStatus? Status = null, bool Assign = false, string? ResponsibleId = null);

/// <summary>The choices of every card's menu (the same for all cards of the board).</summary>
public sealed record BoardMenuOptions(IReadOnlyList<TicketStatus> Statuses, IReadOnlyList<TicketUserOption> People, string MyId, bool CanEdit);
