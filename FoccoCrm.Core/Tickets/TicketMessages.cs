using System.Runtime.CompilerServices;
using FoccoCrm.Core.Common;

namespace FoccoCrm.Core.Tickets;

/// <summary>User-facing messages of the ticket rules (keys in Resources/Messages.tsv, pt-BR and en-US).</summary>
public static class TicketMessages
{
    private static string L([CallerMemberName] string key = "") => Messages.Get(key);

    public static string StatusName(TicketStatus status) => Messages.Get("TicketStatus_" + status);
    public static string PriorityName(TicketPriority priority) => Messages.Get("TicketPriority_" + priority);
    public static string OriginName(TicketOrigin origin) => Messages.Get("TicketOrigin_" + origin);

    public static string TicketNotFound => L();
    public static string TicketTaskNotFound => L();
    public static string TicketsReadOnly => L();
    public static string TicketStatusInvalid => L();
    public static string TicketSolutionRequired => L();
    public static string TicketCancelReasonRequired => L();
    public static string TicketCancelledCannotClose => L();
    public static string TicketClosedCannotCancel => L();
    public static string TicketNotOpen => L();
    public static string TicketNotClosed => L();
    public static string TicketAlreadyHasDocument => L();
    public static string TicketDocumentKindInvalid => L();
    public static string TicketDocumentTaken => L();
    public static string TicketDocumentOfOtherCustomer => L();
    public static string TicketCustomerRequired => L();
    public static string TicketCustomerInvalid => L();
    public static string TicketContactOfOtherCustomer => L();
    public static string TicketTypeRequired => L();
    public static string TicketReasonRequired => L();
    public static string TicketSituationRequired => L();
    public static string TicketResponsibleRequired => L();
    public static string TicketResponsibleInvalid => L();
    public static string TicketCallbackDateRequired => L();
    public static string TicketTaskDueRequired => L();
    public static string TicketTaskDescriptionRequired => L();
    public static string TicketTaskResultRequired => L();
    /// <summary>{0} who, {1} ticket number, {2} when (company time), {3} its status now.</summary>
    public static string TicketChangedBy => L();
    /// <summary>{0} ticket number, {1} who assigned it.</summary>
    public static string TicketAssignedNotification => L();
    /// <summary>{0} count.</summary>
    public static string TicketUse_Tickets => L();
    public static string Unassigned => L();
    public static string Field_Origin => L();
    public static string Field_Priority => L();
    public static string Field_Situation => L();
    public static string Field_Result => L();
}
