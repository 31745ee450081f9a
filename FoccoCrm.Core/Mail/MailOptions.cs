using FoccoCrm.Core.Data;
using FoccoCrm.Core.Parameters;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FoccoCrm.Core.Mail;

/// <summary>The system's mail server (configuration section <c>Mail:Smtp</c>). No <see cref="Host"/> = none: mail is captured.</summary>
public sealed class SmtpOptions
{
    public const string Section = "Mail:Smtp";

    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    /// <summary>None (plain, STARTTLS when offered is not forced), StartTls, or SslOnConnect (implicit TLS, port 465).</summary>
    public SmtpTls Tls { get; set; } = SmtpTls.Auto;
    public string? User { get; set; }
    public string? Password { get; set; }
    /// <summary>"e-mail" or "Name &lt;e-mail&gt;".</summary>
    public string From { get; set; } = "FoccoCRM <workflow@foccocrm.local>";
    /// <summary>Seconds MailKit waits for the server (connect and each command).</summary>
    public int TimeoutSeconds { get; set; } = 30;
}

public enum SmtpTls { Auto, None, StartTls, SslOnConnect }

/// <summary>Options of the workflow mail: links in e-mails and the sender's behaviour.</summary>
public sealed class WorkflowMailOptions
{
    /// <summary>Tuning of the outbox (<c>Mail:Outbox:ConnectionsPerServer</c>, …); the links' base comes from <see cref="BaseUrlKey"/>.</summary>
    public const string Section = "Mail:Outbox";
    public const string BaseUrlKey = "App:BaseUrl";
    public string BaseUrl { get; set; } = "http://localhost:5000";
    /// <summary>Transient failures before a message is dead-lettered.</summary>
    public int MaxAttempts { get; set; } = 8;
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);
    public int BatchSize { get; set; } = 100;
    /// <summary>Accepted messages marked Sent per write (each write is a synced SQLite commit). A crash between the server's
    /// "250 OK" and that write re-sends at most this many, with the same Message-ID.</summary>
    public int SentFlushSize { get; set; } = 10;
    /// <summary>SMTP connections used at once for one server (each with its share of a batch). A server's per-message round
    /// trips, not bandwidth, bound one connection; mail servers commonly accept several connections from one client.</summary>
    public int ConnectionsPerServer { get; set; } = 4;
}

/// <summary>The server and sender one message goes through; <see cref="Host"/> null = captured (no server).</summary>
public sealed record MailRoute(string? Host, int Port, SmtpTls Tls, string? User, string? Password, string FromAddress, string FromName, int TimeoutSeconds)
{
    public bool IsCaptured => string.IsNullOrWhiteSpace(Host);
    public string Describe() => IsCaptured ? "captured" : $"{Host}:{Port}";
}

/// <summary>
/// Chooses the mail server: parameter 04 = S (default) → the system server of configuration <c>Mail:Smtp</c>;
/// 04 = N → the server of parameter 05 and the sender of parameter 06 (user's answer, else the company's).
/// </summary>
public sealed class MailRouter(IDbContextFactory<FoccoDbContext> dbFactory, IOptions<SmtpOptions> smtp)
{
    public async Task<MailRoute> RouteAsync(int companyId, string? userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        string[] numbers = [ParameterDefinition.UseSystemEmailServer, ParameterDefinition.EmailServer, ParameterDefinition.EmailSender];
        var answers = await db.ParameterAnswers.AsNoTracking()
            .Where(a => a.CompanyId == companyId && numbers.Contains(a.Number) && (a.UserId == null || a.UserId == userId))
            .Select(a => new { a.Number, a.UserId, a.Value }).ToListAsync(ct);
        string Effective(string n) => ParameterValue.Resolve(ParameterDefinition.Get(n),
            answers.FirstOrDefault(a => a.Number == n && a.UserId == null)?.Value,
            userId is null ? null : answers.FirstOrDefault(a => a.Number == n && a.UserId == userId)?.Value).Value;
        return Route(Effective(ParameterDefinition.UseSystemEmailServer), Effective(ParameterDefinition.EmailServer), Effective(ParameterDefinition.EmailSender));
    }

    /// <summary>The rule itself, on the effective values of 04, 05 and 06.</summary>
    public MailRoute Route(string useSystem, string server, string sender)
    {
        var o = smtp.Value;
        if (useSystem == "N" && EmailServerSetting.TryParse(server, out var s) && SenderSetting.TryParse(sender, out var from))
            return new MailRoute(s.Host, s.Port, s.Tls ? SmtpTls.StartTls : SmtpTls.Auto, null, null, from.Email, from.DisplayName, o.TimeoutSeconds);
        var system = SenderSetting.TryParse(o.From, out var f) ? f : new SenderSetting("workflow@foccocrm.local", "FoccoCRM");
        return new MailRoute(string.IsNullOrWhiteSpace(o.Host) ? null : o.Host.Trim(), o.Port, o.Tls, o.User, o.Password, system.Email, system.DisplayName, o.TimeoutSeconds);
    }
}
