using System.Globalization;
using System.Net;
using System.Text;

namespace FoccoCrm.Core.Workflow;

/// <summary>One change line of a ticket in a digest, already in the recipient's language and the company's time.</summary>
public sealed record DigestChange(string At, string By, string Field, string? From, string? To);

/// <summary>A ticket in a digest: new to the responsible (created for or assigned to them) or changed by someone else.</summary>
public sealed record DigestTicket(long TicketId, int Number, string Customer, string Situation, string Status, string Priority, string Link,
    bool IsNew, IReadOnlyList<DigestChange> Changes);

/// <summary>
/// Everything a digest e-mail shows, every text already composed in <see cref="Culture"/>: the templates
/// (<see cref="IDigestRenderer"/>) only lay it out.
/// </summary>
public sealed record DigestModel(
    string Culture, string RecipientName, string CompanyName, string Subject, string Greeting, string Intro,
    string NewHeading, string ChangedHeading, string OpenLabel, string Footer, string AppLink,
    IReadOnlyList<DigestTicket> New, IReadOnlyList<DigestTicket> Changed)
{
    public string ChangeText(DigestChange c) =>
        c.From is null && c.To is null ? c.Field
        : c.From is null ? $"{c.Field}: {c.To}"
        : $"{c.Field}: {c.From} → {c.To ?? "-"}";
}

/// <summary>The immediate e-mail of parameter 10 ("ticket 123 was assigned to you").</summary>
public sealed record AssignmentMailModel(string Culture, string RecipientName, string Subject, string Greeting, string Intro,
    DigestTicket Ticket, string OpenLabel, string Footer);

/// <summary>The HTML part of the workflow e-mails. The Web app renders Razor components (Blazor's HtmlRenderer);
/// <see cref="PlainHtmlDigestRenderer"/> is the fallback when Core runs alone.</summary>
public interface IDigestRenderer
{
    Task<string> RenderDigestHtmlAsync(DigestModel model, CancellationToken ct = default);
    Task<string> RenderAssignmentHtmlAsync(AssignmentMailModel model, CancellationToken ct = default);
}

/// <summary>The plain-text parts (the same everywhere).</summary>
public static class DigestText
{
    public static string Digest(DigestModel m)
    {
        var sb = new StringBuilder();
        sb.AppendLine(m.Greeting).AppendLine().AppendLine(m.Intro).AppendLine();
        Section(sb, m, m.NewHeading, m.New);
        Section(sb, m, m.ChangedHeading, m.Changed);
        sb.AppendLine("--").AppendLine(m.Footer).AppendLine(m.AppLink);
        return sb.ToString();
    }

    public static string Assignment(AssignmentMailModel m)
    {
        var sb = new StringBuilder();
        sb.AppendLine(m.Greeting).AppendLine().AppendLine(m.Intro).AppendLine();
        Ticket(sb, m.Ticket, null);
        sb.AppendLine("--").AppendLine(m.Footer);
        return sb.ToString();
    }

    private static void Section(StringBuilder sb, DigestModel m, string heading, IReadOnlyList<DigestTicket> tickets)
    {
        if (tickets.Count == 0) return;
        sb.AppendLine(heading).AppendLine(new string('=', heading.Length));
        foreach (var t in tickets) Ticket(sb, t, m);
        sb.AppendLine();
    }

    private static void Ticket(StringBuilder sb, DigestTicket t, DigestModel? m)
    {
        sb.Append('#').Append(t.Number.ToString(CultureInfo.InvariantCulture)).Append(" — ").Append(t.Customer)
          .Append(" (").Append(t.Status).Append(", ").Append(t.Priority).AppendLine(")");
        sb.Append("  ").AppendLine(t.Situation);
        foreach (var c in t.Changes)
            sb.Append("  * ").Append(c.At).Append(" — ").Append(c.By).Append(": ").AppendLine(m?.ChangeText(c) ?? c.Field);
        sb.Append("  ").AppendLine(t.Link).AppendLine();
    }
}

/// <summary>A minimal HTML part (encoded), used when no template renderer is registered (Core alone, e.g. benchmarks).</summary>
public sealed class PlainHtmlDigestRenderer : IDigestRenderer
{
    public Task<string> RenderDigestHtmlAsync(DigestModel model, CancellationToken ct = default)
    {
        var sb = new StringBuilder("<!DOCTYPE html><html><body>");
        sb.Append("<p>").Append(E(model.Greeting)).Append("</p><p>").Append(E(model.Intro)).Append("</p>");
        Section(sb, model, model.NewHeading, model.New);
        Section(sb, model, model.ChangedHeading, model.Changed);
        sb.Append("<p><a href=\"").Append(E(model.AppLink)).Append("\">").Append(E(model.Footer)).Append("</a></p></body></html>");
        return Task.FromResult(sb.ToString());
    }

    public Task<string> RenderAssignmentHtmlAsync(AssignmentMailModel model, CancellationToken ct = default) =>
        Task.FromResult($"<!DOCTYPE html><html><body><p>{E(model.Greeting)}</p><p>{E(model.Intro)}</p><p><a href=\"{E(model.Ticket.Link)}\">#{model.Ticket.Number} — {E(model.Ticket.Customer)}</a></p><p>{E(model.Ticket.Situation)}</p><p>{E(model.Footer)}</p></body></html>");

    private static void Section(StringBuilder sb, DigestModel m, string heading, IReadOnlyList<DigestTicket> tickets)
    {
        if (tickets.Count == 0) return;
        sb.Append("<h2>").Append(E(heading)).Append("</h2><ul>");
        foreach (var t in tickets)
        {
            sb.Append("<li><a href=\"").Append(E(t.Link)).Append("\">#").Append(t.Number.ToString(CultureInfo.InvariantCulture)).Append("</a> ")
              .Append(E(t.Customer)).Append(" — ").Append(E(t.Situation)).Append("<ul>");
            foreach (var c in t.Changes) sb.Append("<li>").Append(E(c.At)).Append(" — ").Append(E(c.By)).Append(": ").Append(E(m.ChangeText(c))).Append("</li>");
            sb.Append("</ul></li>");
        }
        sb.Append("</ul>");
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
