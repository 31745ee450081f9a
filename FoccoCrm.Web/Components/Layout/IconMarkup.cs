using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components;

namespace FoccoCrm.Web.Components.Layout;

/// <summary>
/// A MudBlazor icon as shared HTML (the same SVG MudIcon writes) for places every circuit renders: one markup frame and one
/// string for all circuits instead of a MudIcon component each.
/// </summary>
public static class IconMarkup
{
    private static readonly ConcurrentDictionary<(string Paths, string Classes), MarkupString> Cache = new();

    /// <summary>The icon's SVG; <paramref name="classes"/> are MudBlazor's size/colour classes (e.g. "mud-icon-size-small").</summary>
    public static MarkupString Of(string paths, string classes = "mud-icon-size-medium") =>
        Cache.GetOrAdd((paths, classes), k => new MarkupString(Html(k.Paths, k.Classes)));

    public static string Html(string paths, string classes) =>
        $"<svg class=\"mud-icon-root mud-svg-icon {classes}\" focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\">{paths}</svg>";
}
