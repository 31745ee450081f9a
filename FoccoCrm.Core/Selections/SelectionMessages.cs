using System.Runtime.CompilerServices;
using FoccoCrm.Core.Common;

namespace FoccoCrm.Core.Selections;

/// <summary>User-facing messages of dynamic selections (keys in Resources/Messages.tsv, pt-BR and en-US).</summary>
public static class SelectionMessages
{
    private static string L([CallerMemberName] string key = "") => Messages.Get(key);

    public static string SelectionJsonInvalid => L();
    public static string SelectionSchemaUnsupported => L();
    public static string SelectionTooLarge => L();
    public static string SelectionTooDeep => L();
    public static string SelectionRelationUnknown => L();
    public static string SelectionRelationNested => L();
    public static string SelectionRelationNotHere => L();
    public static string SelectionCountInvalid => L();
    public static string SelectionFieldUnknown => L();
    public static string SelectionFieldNotHere => L();
    public static string SelectionOperatorNotAllowed => L();
    public static string SelectionTooManyValues => L();
    public static string SelectionValueInvalid => L();
    public static string SelectionReferenceNotFound => L();
    public static string SelectionCycle => L();
    public static string SelectionIncomplete => L();
    public static string SelectionNotFound => L();
    public static string SelectionEditForbidden => L();
    public static string SelectionGenerateForbidden => L();
    public static string SelectionNameRequired => L();
    public static string SelectionRunNotFound => L();
    public static string SelectionRunTypeRequired => L();
    public static string SelectionRunReasonRequired => L();
    public static string SelectionRunDescriptionRequired => L();
    public static string SelectionRunDateRequired => L();
    public static string SelectionRunNothingToCreate => L();
    public static string SelectionRunResponsibleInvalid => L();
    public static string SelectionRunOtherParameters => L();
    public static string SelectionRunInterrupted(string reason) => Messages.Format(nameof(SelectionRunInterrupted), reason);
    public static string SelectionPersonNotVisible => L();
    public static string Field_SelectionName => L();
    public static string Field_SelectionDescription => L();
}
