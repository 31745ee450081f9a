using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Components;

namespace FoccoCrm.Web.Components.Layout;

/// <summary>
/// HTML that every circuit showing the same thing shares (one markup render-tree frame and one string for all circuits,
/// instead of elements and attributes in every circuit's render trees): the side menu, board column heads and feet, select
/// options. Text goes through <see cref="Encoder"/>.
/// </summary>
public static class SharedHtml
{
    private const int MaxEntries = 20_000;
    private static readonly ConcurrentDictionary<string, MarkupString> Known = new();

    /// <summary>Encodes &lt;, &gt;, &amp; and quotes, and keeps accented letters as they are ("Administração").</summary>
    public static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>The one shared instance of this HTML (the caller's string is dropped when an equal one is known).</summary>
    public static MarkupString Of(string html)
    {
        if (Known.TryGetValue(html, out var known)) return known;
        if (Known.Count >= MaxEntries) Known.Clear();
        return Known[html] = new MarkupString(html);
    }
}
