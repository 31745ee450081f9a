using System.Buffers;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace FoccoCrm.Core.Tests.Workflow;

/// <summary>
/// A real SMTP server (the SmtpServer package) listening on 127.0.0.1 inside the test process. It records every message it
/// accepts and can answer 451 to the first <see cref="TransientFailures"/> messages, or 550 to all (<see cref="RejectAll"/>).
/// </summary>
public sealed class LoopbackSmtp : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private SmtpServer.SmtpServer? server;
    private Task? running;
    private int transientLeft;
    private int attempts;

    public int Port { get; private set; }
    /// <summary>Messages to answer "451 try again later" before accepting.</summary>
    public int TransientFailures { set => Volatile.Write(ref transientLeft, value); }
    /// <summary>Answer "550 mailbox unavailable" to every message.</summary>
    public bool RejectAll { get; set; }
    /// <summary>DATA transactions seen (accepted or not).</summary>
    public int Attempts => Volatile.Read(ref attempts);
    public List<MimeMessage> Received { get; } = [];
    /// <summary>Most SMTP sessions that were in a DATA transaction at the same moment.</summary>
    public int MaxConcurrentTransactions => Volatile.Read(ref maxConcurrent);
    /// <summary>Milliseconds each DATA transaction is held before the answer (so that parallel connections overlap).</summary>
    public int AnswerDelayMs { get; set; }
    private int concurrent, maxConcurrent;
    public void ResetConcurrency() => Volatile.Write(ref maxConcurrent, 0);

    public IReadOnlyList<MimeMessage> Snapshot() { lock (Received) return Received.ToList(); }

    public static async Task<LoopbackSmtp> StartAsync()
    {
        var smtp = new LoopbackSmtp { Port = FreePort() };
        await smtp.StartListeningAsync();
        return smtp;
    }

    /// <summary>A loopback port nobody listens on (for "connection refused").</summary>
    public static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    private async Task StartListeningAsync()
    {
        var options = new SmtpServerOptionsBuilder().ServerName("loopback.test")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)).IsSecure(false)).Build();
        var provider = new SmtpServer.ComponentModel.ServiceProvider();
        provider.Add(new Store(this));
        server = new SmtpServer.SmtpServer(options, provider);
        running = server.StartAsync(stop.Token);
        // wait until it accepts connections
        for (var i = 0; i < 200; i++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) { await Task.Delay(25); }
        }
        throw new InvalidOperationException("The loopback SMTP server did not start.");
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        if (running is not null) { try { await running; } catch (OperationCanceledException) { } }
        stop.Dispose();
    }

    private sealed class Store(LoopbackSmtp owner) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken ct)
        {
            var now = Interlocked.Increment(ref owner.concurrent);
            try
            {
                for (var max = Volatile.Read(ref owner.maxConcurrent); now > max; max = Volatile.Read(ref owner.maxConcurrent))
                    if (Interlocked.CompareExchange(ref owner.maxConcurrent, now, max) == max) break;
                if (owner.AnswerDelayMs > 0) await Task.Delay(owner.AnswerDelayMs, ct);
                return Answer(buffer, ct);
            }
            finally { Interlocked.Decrement(ref owner.concurrent); }
        }

        private SmtpResponse Answer(ReadOnlySequence<byte> buffer, CancellationToken ct)
        {
            Interlocked.Increment(ref owner.attempts);
            if (owner.RejectAll) return new SmtpResponse((SmtpReplyCode)550, "5.1.1 mailbox unavailable");
            if (Interlocked.Decrement(ref owner.transientLeft) >= 0) return new SmtpResponse((SmtpReplyCode)451, "4.3.0 try again later");
            using var stream = new MemoryStream(buffer.ToArray());
            var message = MimeMessage.Load(stream, ct);
            lock (owner.Received) owner.Received.Add(message);
            return SmtpResponse.Ok;
        }
    }
}
