using System.Runtime.CompilerServices;
using FoccoCrm.Core.Common;

namespace FoccoCrm.Core.Occurrences;

/// <summary>User-facing messages of the occurrence rules (keys in Resources/Messages.tsv, pt-BR and en-US).</summary>
public static class OccurrenceMessages
{
    private static string L([CallerMemberName] string key = "") => Messages.Get(key);

    public static string StatusName(OccurrenceStatus status) => Messages.Get("OccurrenceStatus_" + status);

    public static string OccurrenceNotFound => L();
    public static string OccurrenceAlreadyClosed => L();
    public static string OccurrenceNotClosed => L();
    public static string OccurrenceClosedReadOnly => L();
    public static string OccurrencePersonRequired => L();
    public static string OccurrenceEditForbidden => L();
    public static string OccurrenceCloseForbidden => L();
    public static string OccurrenceCreateForbidden => L();
    public static string OccurrenceResponsibleInvalid => L();
    public static string OccurrenceForwardTargetInvalid => L();
    public static string OccurrenceForwardSameUser => L();
    public static string OccurrenceContactNotOfPerson => L();
    public static string OccurrenceChecklistRequired => L();
    public static string OccurrenceForwardedTitle => L();
    public static string OccurrenceTypeChecklistInvalid => L();
    public static string AttachmentTooLarge => L();
    public static string AttachmentTypeNotAllowed => L();
    public static string AttachmentEmpty => L();
    public static string AttachmentNotFound => L();
    public static string SavedQueryNameRequired => L();
    public static string Field_OccurredAt => L();
    public static string Field_OccurrenceType => L();
    public static string Field_OccurrenceReason => L();
    public static string Field_ClosingNotes => L();
    public static string Field_ForwardTo => L();
    public static string Field_ForwardMessage => L();
}
