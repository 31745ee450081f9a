using System.Net.Sockets;
using FoccoCrm.Core.Data;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace FoccoCrm.Core.Mail;

/// <summary>What one <see cref="OutboxSender.DrainAsync"/> did.</summary>
public sealed record OutboxDrainResult(int Sent, int Retrying, int DeadLettered, int Captured)
{
    public int Total => Sent + Retrying + DeadLettered + Captured;
}

/// <summary>The outcome of "send test e-mail": the server's answer or the failure, for the administrator to read.</summary>
public sealed record MailTestResult(bool Success, bool Captured, string Outcome);

/// <summary>
/// Delivers the outbox with MailKit. A message is claimed with a database lease (one UPDATE … WHERE the row is due or its
/// lease expired), so two app instances never send the same row; the lease is renewed for the rest of a group every quarter
/// of its length and every outcome is written only while this instance still owns the lease. Accepted messages are marked
/// Sent in small groups (<see cref="WorkflowMailOptions.SentFlushSize"/>): a crash can re-send at most that many, with the
/// same Message-ID. Transient failures (4xx, connection refused,
/// timeouts, dropped connections) are retried with exponential backoff; permanent ones (5xx, bad addresses) and too many
/// transient ones are dead-lettered (<see cref="OutboxStatus.Failed"/>). No server configured → <see cref="OutboxStatus.Captured"/>.
/// A server's messages go over up to <see cref="WorkflowMailOptions.ConnectionsPerServer"/> connections at once, each with its
/// own slice of the batch and its own database context.
/// </summary>
public sealed class OutboxSender(
    IDbContextFactory<FoccoDbContext> dbFactory,
    MailRouter router,
    IOptions<WorkflowMailOptions> options,
    TimeProvider clock,
    ILogger<OutboxSender> log)
{
    /// <summary>This instance's lease owner id.</summary>
    public string InstanceId { get; init; } = NewInstanceId();

    private static string NewInstanceId()
    {
        var id = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
        return id.Length <= 100 ? id : id[^100..];
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
    private WorkflowMailOptions O => options.Value;

    /// <summary>Sends everything due now, batch by batch, until nothing due is left.</summary>
    public async Task<OutboxDrainResult> DrainAsync(CancellationToken ct = default)
    {
        int sent = 0, retrying = 0, dead = 0, captured = 0;
        var seen = new HashSet<long>();
        while (!ct.IsCancellationRequested)
        {
            var batch = await ClaimAsync(O.BatchSize, ct);
            // a message retried in this same drain (backoff 0) is left for the next one
            batch = batch.Where(m => seen.Add(m.Id)).ToList();
            if (batch.Count == 0) break;
            var routes = new Dictionary<(int, string?), MailRoute>();
            foreach (var m in batch)
                if (!routes.ContainsKey((m.CompanyId, m.UserId))) routes[(m.CompanyId, m.UserId)] = await router.RouteAsync(m.CompanyId, m.UserId, ct);
            foreach (var group in batch.GroupBy(m => routes[(m.CompanyId, m.UserId)]))
            {
                // a server's share of the batch over up to ConnectionsPerServer connections at once, each with its own slice
                var messages = group.ToList();
                var connections = group.Key.IsCaptured ? 1 : Math.Clamp(O.ConnectionsPerServer, 1, messages.Count);
                var size = (messages.Count + connections - 1) / connections;
                var results = await Task.WhenAll(messages.Chunk(size).Select(slice => SendGroupAsync(group.Key, [.. slice], ct)));
                foreach (var r in results)
                {
                    sent += r.Sent; retrying += r.Retrying; dead += r.DeadLettered; captured += r.Captured;
                }
            }
        }
        return new OutboxDrainResult(sent, retrying, dead, captured);
    }

    /// <summary>Leases up to <paramref name="take"/> due messages to this instance and returns them.</summary>
    internal async Task<List<OutboxMessage>> ClaimAsync(int take, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = Now;
        var until = now + O.Lease;
        var owner = InstanceId;
        await db.OutboxMessages
            .Where(m => (m.Status == OutboxStatus.Pending && m.NextAttemptUtc <= now) || (m.Status == OutboxStatus.Sending && m.LeaseUntilUtc < now))
            .OrderBy(m => m.Id).Take(take)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Sending).SetProperty(m => m.LeaseOwner, owner).SetProperty(m => m.LeaseUntilUtc, until), ct);
        return await db.OutboxMessages.AsNoTracking().Where(m => m.Status == OutboxStatus.Sending && m.LeaseOwner == owner).OrderBy(m => m.Id).ToListAsync(ct);
    }

    private async Task<OutboxDrainResult> SendGroupAsync(MailRoute route, List<OutboxMessage> messages, CancellationToken ct)
    {
        int sent = 0, retrying = 0, dead = 0;
        // One context and one open connection for the group's bookkeeping (every open runs the connection pragmas).
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        if (route.IsCaptured)
            return new(0, 0, 0, await FinishAsync(db, messages.Select(m => m.Id).ToList(), OutboxStatus.Captured));

        var ours = messages.Select(m => m.Id).ToHashSet();
        var lastRenewal = Now;
        var accepted = new List<long>();
        using var client = new SmtpClient { Timeout = Math.Max(1, route.TimeoutSeconds) * 1000 };
        try
        {
            foreach (var m in messages)
            {
                // Keep the lease well ahead of the sends: renewed for the rest of the group every quarter of it.
                if (Now - lastRenewal > O.Lease / 4)
                {
                    sent += await FinishAsync(db, accepted, OutboxStatus.Sent);
                    ours = await RenewAsync(db, ours, ct);
                    lastRenewal = Now;
                }
                if (!ours.Contains(m.Id)) continue; // another instance took it over
                try
                {
                    if (!client.IsConnected) await ConnectAsync(client, route, ct);
                    await client.SendAsync(ToMime(m, route), ct);
                    accepted.Add(m.Id);
                    if (accepted.Count >= O.SentFlushSize) sent += await FinishAsync(db, accepted, OutboxStatus.Sent);
                }
                catch (Exception ex) when (!ct.IsCancellationRequested && ex is not DbUpdateException)
                {
                    var permanent = IsPermanent(ex);
                    log.LogWarning("Outbox message {Id} to {To} via {Server}: {Error}", m.Id, m.ToAddress, route.Describe(), ex.Message);
                    if (await FailAsync(db, m, permanent, Describe(ex), ct)) dead++; else retrying++;
                    if (client.IsConnected && ex is not SmtpCommandException)
                        try { await client.DisconnectAsync(false, ct); } catch (Exception) { /* reconnect on the next message */ }
                }
            }
        }
        finally
        {
            // Once the server accepted a message, record it even if the drain is being cancelled.
            sent += await FinishAsync(db, accepted, OutboxStatus.Sent);
            if (client.IsConnected)
                try { await client.DisconnectAsync(true, CancellationToken.None); } catch (Exception) { /* the server already went away */ }
        }
        return new(sent, retrying, dead, 0);
    }

    /// <summary>Sends one e-mail now, bypassing the outbox, and reports what the server answered.</summary>
    public async Task<MailTestResult> SendTestAsync(MailRoute route, string toAddress, string subject, string text, CancellationToken ct = default)
    {
        if (route.IsCaptured) return new MailTestResult(false, true, "");
        using var client = new SmtpClient { Timeout = Math.Max(1, route.TimeoutSeconds) * 1000 };
        try
        {
            await ConnectAsync(client, route, ct);
            var message = new MimeMessage { Subject = subject, Body = new TextPart("plain") { Text = text } };
            message.From.Add(new MailboxAddress(route.FromName, route.FromAddress));
            message.To.Add(MailboxAddress.Parse(toAddress));
            var answer = await client.SendAsync(message, ct);
            await client.DisconnectAsync(true, ct);
            return new MailTestResult(true, false, $"{route.Describe()}: {answer}");
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            return new MailTestResult(false, false, $"{route.Describe()}: {Describe(ex)}");
        }
    }

    private static async Task ConnectAsync(SmtpClient client, MailRoute route, CancellationToken ct)
    {
        var secure = route.Tls switch
        {
            SmtpTls.None => SecureSocketOptions.None,
            SmtpTls.StartTls => SecureSocketOptions.StartTls,
            SmtpTls.SslOnConnect => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.StartTlsWhenAvailable,
        };
        // Our own socket, to turn Nagle off: SMTP is small request/response writes, and Nagle + delayed ACKs would add
        // tens of milliseconds per command.
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            connectTimeout.CancelAfter(TimeSpan.FromSeconds(Math.Max(1, route.TimeoutSeconds)));
            try { await socket.ConnectAsync(route.Host!, route.Port, connectTimeout.Token); }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested) { throw new TimeoutException($"Connecting to {route.Describe()} timed out."); }
            await client.ConnectAsync(socket, route.Host!, route.Port, secure, ct);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        if (!string.IsNullOrEmpty(route.User)) await client.AuthenticateAsync(route.User, route.Password ?? "", ct);
    }

    private static MimeMessage ToMime(OutboxMessage m, MailRoute route)
    {
        var message = new MimeMessage { Subject = m.Subject, MessageId = m.MessageId, Date = new DateTimeOffset(m.CreatedAtUtc, TimeSpan.Zero) };
        message.From.Add(new MailboxAddress(route.FromName, route.FromAddress));
        message.To.Add(new MailboxAddress(m.ToName, m.ToAddress));
        message.Headers.Add("X-FoccoCrm-Kind", m.Kind);
        message.Body = new BodyBuilder { HtmlBody = m.HtmlBody, TextBody = m.TextBody }.ToMessageBody();
        return message;
    }

    /// <summary>5xx answers, rejected addresses and failed authentication will not get better by retrying.</summary>
    internal static bool IsPermanent(Exception ex) => ex switch
    {
        SmtpCommandException c => (int)c.StatusCode >= 500,
        AuthenticationException => true,
        ParseException => true,
        ArgumentException => true,
        _ => false, // SocketException (refused), TimeoutException, IOException, SmtpProtocolException (dropped), ...
    };

    private static string Describe(Exception ex) => ex switch
    {
        SmtpCommandException c => $"{(int)c.StatusCode} {c.Message}",
        SocketException s => $"{s.SocketErrorCode}: {s.Message}",
        _ => $"{ex.GetType().Name}: {ex.Message}",
    };

    /// <summary>Extends this instance's lease on the given messages; returns those still ours.</summary>
    private async Task<HashSet<long>> RenewAsync(FoccoDbContext db, HashSet<long> ids, CancellationToken ct)
    {
        var until = Now + O.Lease;
        var owner = InstanceId;
        var list = ids.ToList();
        await db.OutboxMessages.Where(m => list.Contains(m.Id) && m.Status == OutboxStatus.Sending && m.LeaseOwner == owner)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseUntilUtc, until), ct);
        return (await db.OutboxMessages.AsNoTracking().Where(m => list.Contains(m.Id) && m.Status == OutboxStatus.Sending && m.LeaseOwner == owner)
            .Select(m => m.Id).ToListAsync(ct)).ToHashSet();
    }

    /// <summary>Marks messages Sent (the server accepted them) or Captured, only while this instance owns them; clears the list.</summary>
    private async Task<int> FinishAsync(FoccoDbContext db, List<long> ids, OutboxStatus status)
    {
        if (ids.Count == 0) return 0;
        var now = Now;
        var owner = InstanceId;
        var sent = status == OutboxStatus.Sent;
        var list = ids.ToList();
        ids.Clear();
        return await db.OutboxMessages.Where(m => list.Contains(m.Id) && m.LeaseOwner == owner)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, status)
                .SetProperty(m => m.Attempts, m => sent ? m.Attempts + 1 : m.Attempts)
                .SetProperty(m => m.SentAtUtc, sent ? now : null)
                .SetProperty(m => m.LastError, (string?)null)
                .SetProperty(m => m.LeaseOwner, (string?)null)
                .SetProperty(m => m.LeaseUntilUtc, (DateTime?)null), CancellationToken.None);
    }

    /// <summary>Records a failed attempt: back to Pending with backoff, or dead-lettered. True when dead-lettered.</summary>
    private async Task<bool> FailAsync(FoccoDbContext db, OutboxMessage m, bool permanent, string error, CancellationToken ct)
    {
        var attempts = m.Attempts + 1;
        var dead = permanent || attempts >= O.MaxAttempts;
        var next = Now + Backoff(attempts);
        var owner = InstanceId;
        var cut = error.Length <= 1000 ? error : error[..999] + "…";
        await db.OutboxMessages.Where(x => x.Id == m.Id && x.LeaseOwner == owner)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, dead ? OutboxStatus.Failed : OutboxStatus.Pending)
                .SetProperty(x => x.Attempts, attempts)
                .SetProperty(x => x.NextAttemptUtc, next)
                .SetProperty(x => x.LastError, cut)
                .SetProperty(x => x.LeaseOwner, (string?)null)
                .SetProperty(x => x.LeaseUntilUtc, (DateTime?)null), ct);
        return dead;
    }

    /// <summary>30 s, 1 min, 2 min, ... capped at 1 hour.</summary>
    public static TimeSpan Backoff(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(3600, 30 * Math.Pow(2, Math.Max(0, attempts - 1))));
}
