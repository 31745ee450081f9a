using System.Runtime.CompilerServices;
using FoccoCrm.Core.Common;

namespace FoccoCrm.Core.Checklists;

/// <summary>User-facing messages of the checklist rules (keys in Resources/Messages.tsv, pt-BR and en-US).</summary>
public static class ChecklistMessages
{
    private static string L([CallerMemberName] string key = "") => Messages.Get(key);

    public static string Refusal(TreeRefusal refusal) => Messages.Get("TreeRefusal_" + refusal);
    public static string Orphan(OrphanReason reason) => Messages.Get("Orphan_" + reason);
    public static string KindName(AnswerKind kind) => Messages.Get("AnswerKind_" + kind);

    public static string AnswerRequired => L();
    public static string AnswerChooseOption => L();
    public static string AnswerUnknownOption => L();
    public static string AnswerOneOption => L();
    public static string AnswerTextExpected => L();
    public static string AnswerTextTooLong => L();
    public static string AnswerNumberExpected => L();
    public static string AnswerDateExpected => L();
    public static string AnswerDateOutOfRange => L();
    public static string QuestionNotFound => L();
    public static string QuestionOptionsRequired => L();
    public static string QuestionOptionsDuplicated => L();
    public static string QuestionGrouperInvalid => L();
    public static string ChecklistNotFound => L();
    public static string ChecklistCodeTaken => L();
    public static string ChecklistTypeInvalid => L();
    public static string ChecklistProductInvalid => L();
    public static string ChecklistVersionNotFound => L();
    public static string ChecklistDesignersOnly => L();
    public static string PublishNoCompany => L();
    public static string PublishEmpty => L();
    public static string PublishOrphans => L();
    public static string PublishInactiveQuestions => L();
    public static string ChecklistNotPublished => L();
    public static string ChecklistNotForPersons => L();
    public static string ChecklistVersionNotAllowed => L();
    public static string ChecklistAnswersInvalid => L();
    public static string PersonChecklistReadOnly => L();
    public static string ChecklistUse_Questions => L();
    public static string ChecklistUse_Checklists => L();
    public static string Field_QuestionText => L();
    public static string Field_QuestionOption => L();
    public static string Field_Grouper => L();
    public static string Field_AnswerKind => L();
    public static string Field_ChecklistType => L();
    public static string Field_Companies => L();
}
