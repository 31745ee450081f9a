using System.Collections.Concurrent;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.RenderTree;
using MudBlazor;

namespace FoccoCrm.Web.Components.Layout;

/// <summary>
/// MudBlazor's theme provider with its output shared: <see cref="MudThemeProvider"/> writes the theme as ~30,000 characters of
/// CSS variables, built again on every render and held twice by every circuit (its current and previous render tree) —
/// about 130 KB per open page. The CSS only depends on the theme, dark mode and the scrollbar option, so it is built once
/// per combination and every circuit renders the same string. Everything else (system dark mode, its JS) is MudBlazor's.
/// </summary>
public sealed class SharedThemeProvider : MudThemeProvider
{
    private static readonly ConcurrentDictionary<(MudTheme? Theme, bool Dark, bool DefaultScrollbar), string?> Css = new();

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
#pragma warning disable MUD0010 // only read, as part of the cache key: the CSS differs in dark mode
        var key = (Theme, IsDarkMode, DefaultScrollbar);
#pragma warning restore MUD0010
        var css = Css.GetOrAdd(key, _ => Capture());
        if (css is null) base.BuildRenderTree(builder); // MudBlazor rendered something besides markup: render it as it is
        else builder.AddMarkupContent(0, css);
    }

    /// <summary>The provider's output as one HTML string, or null when it is not only markup and text.</summary>
#pragma warning disable BL0006 // reading the frames MudBlazor rendered; anything unexpected falls back to its own render
    private string? Capture()
    {
        var scratch = new RenderTreeBuilder();
        base.BuildRenderTree(scratch);
        var frames = scratch.GetFrames();
        var html = new StringBuilder();
        for (var i = 0; i < frames.Count; i++)
        {
            var frame = frames.Array[i];
            switch (frame.FrameType)
            {
                case RenderTreeFrameType.Markup: html.Append(frame.MarkupContent); break;
                case RenderTreeFrameType.Text: html.Append(HtmlEncoder.Default.Encode(frame.TextContent)); break;
                case RenderTreeFrameType.Region: break;
                default: return null;
            }
        }
        return html.ToString();
    }
#pragma warning restore BL0006
}
