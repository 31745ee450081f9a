using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using FoccoCrm.Benchmarks.Infrastructure;
using FoccoCrm.Core;
using FoccoCrm.Core.Catalogs;
using FoccoCrm.Core.Common;
using FoccoCrm.Core.Companies;
using FoccoCrm.Core.Data;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Mail;
using FoccoCrm.Core.Persons;
using FoccoCrm.Core.Tickets;
using FoccoCrm.Core.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace FoccoCrm.Benchmarks.Scenarios;

/// <summary>
/// Workflow digests (issue #7 point 7): a migrated SQLite file with one company, 500 responsibles and 2,000 tickets whose
/// history holds 10,000 changes (each ticket: opened + 4 changes by another user). Measures, through the real Core services,
/// <c>digest.compose_s</c> = <see cref="WorkflowEngine.RunAsync"/> (500 digests composed, rendered and queued in the outbox
/// with the watermarks) and <c>digest.send_s</c> = <see cref="OutboxSender.DrainAsync"/> (all 500 delivered with MailKit to
/// an SMTP server listening on loopback in this process). Targets: 5 s and 20 s.
/// </summary>
public sealed class DigestScenario : IScenario
{
    private const int Responsibles = 500;
    private const int TicketsPerResponsible = 4;
    private const int ChangesPerTicket = 4; // + the "opened" line = 5 history lines per ticket → 10,000

    public string Name => "digest";

    public string Description => "workflow digests: 10,000 ticket changes across 500 responsibles, compose+queue (s) and delivery to loopback SMTP (s)";

    public async Task RunAsync(ScenarioContext context, CancellationToken ct)
    {
        var contentRoot = context.Workspace.CreateEmptyFolder("digest");
        await using var smtp = await LoopbackServer.StartAsync(ct);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DemoData:Enabled"] = "false",
            ["Mail:Smtp:Host"] = "127.0.0.1",
            ["Mail:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mail:Smtp:Tls"] = "None",
        }).Build();
        var connectionString = DatabaseOptions.ResolveConnectionString(null, "data/foccocrm.db", contentRoot);
        DatabaseOptions.EnsureDirectory(connectionString);
        var services = new ServiceCollection().AddLogging();
        services.AddFoccoCore(configuration, o => o.UseSqlite(connectionString));
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<DatabaseInitializer>().InitializeAsync(ct);

        var seed = Stopwatch.StartNew();
        var companyId = await SeedAsync(provider, ct);
        Log.Info($"seeded {Responsibles} responsibles, {Responsibles * TicketsPerResponsible} tickets, " +
                 $"{Responsibles * TicketsPerResponsible * (ChangesPerTicket + 1)} history lines in {Log.Num(seed.Elapsed.TotalSeconds, 1)} s");

        var engine = provider.GetRequiredService<WorkflowEngine>();
        var sender = provider.GetRequiredService<OutboxSender>();

        var compose = Stopwatch.StartNew();
        var run = await engine.RunAsync(companyId, null, "benchmark", ct);
        compose.Stop();
        if (run.Error is not null || run.Queued != Responsibles)
            throw new BenchmarkException($"the run queued {run.Queued} digests (expected {Responsibles}); error: {run.Error}");
        Log.Info($"composed and queued {run.Queued} digests from {run.TicketsConsidered} tickets in {Log.Ms(compose.Elapsed)}");
        Log.Result("digest.compose_s", compose.Elapsed.TotalSeconds, 2);

        var send = Stopwatch.StartNew();
        var result = await sender.DrainAsync(ct);
        send.Stop();
        if (result.Sent != Responsibles || smtp.Received != Responsibles)
            throw new BenchmarkException($"sent {result.Sent}, server received {smtp.Received} (expected {Responsibles}); " +
                                         $"retrying {result.Retrying}, dead {result.DeadLettered}, captured {result.Captured}");
        Log.Info($"delivered {smtp.Received} e-mails ({Log.Num(smtp.Bytes / 1024.0 / 1024.0, 1)} MB) in {Log.Ms(send.Elapsed)}");
        Log.Result("digest.send_s", send.Elapsed.TotalSeconds, 2);
    }

    private static async Task<int> SeedAsync(ServiceProvider provider, CancellationToken ct)
    {
        var admin = new CurrentUser("bench-admin", "admin@bench.local", "Bench Admin", [Roles.Administrator], [], null, null);
        var companyId = await provider.GetRequiredService<CompanyService>().CreateAsync(admin,
            new CompanyInput { Code = "01", Name = "Empresa Benchmark", Cnpj = Cnpj.Format(Cnpj.WithCheckDigits("112223330001")) }, ct);
        admin = admin with { Companies = [new CompanyRef(companyId, "01", "Empresa Benchmark", "America/Sao_Paulo")] };
        var customer = await provider.GetRequiredService<PersonService>().CreateAsync(admin, new PersonInput
        {
            Type = PersonType.Legal, Roles = PersonRoles.Customer, Name = "Cliente Benchmark", Document = Cnpj.Format(Cnpj.WithCheckDigits("445556660001")),
            State = "SC", ZipCode = "89201-000",
        }, ct);
        var typeId = await provider.GetRequiredService<CatalogService<TicketType>>().CreateAsync(admin,
            new CatalogEntryInput { Kind = CatalogKind.TicketType, Code = 1, Description = "Reclamação" }, null, ct);
        var reasonId = await provider.GetRequiredService<CatalogService<TicketReason>>().CreateAsync(admin,
            new CatalogEntryInput { Kind = CatalogKind.TicketReason, Code = 1, Description = "Atraso" }, typeId, ct);

        await using var db = await provider.GetRequiredService<IDbContextFactory<FoccoDbContext>>().CreateDbContextAsync(ct);
        var now = DateTime.UtcNow;
        var actorUser = NewUser("actor", "Ator Benchmark", companyId, now);
        db.Users.Add(actorUser);
        var users = Enumerable.Range(1, Responsibles).Select(i => NewUser($"resp{i:D3}", $"Responsável {i:D3}", companyId, now)).ToList();
        db.Users.AddRange(users);
        await db.SaveChangesAsync(ct);
        var actor = new CurrentUser(actorUser.Id, actorUser.Email!, actorUser.FullName, [Roles.Manager], admin.Companies, companyId, null);

        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var number = 0;
        var priorities = new[] { TicketPriority.Low, TicketPriority.Normal, TicketPriority.High, TicketPriority.Urgent };
        foreach (var u in users)
        {
            for (var k = 0; k < TicketsPerResponsible; k++)
            {
                number++;
                var ticket = Ticket.Open(companyId, number, new TicketInput
                {
                    CustomerId = customer, TypeId = typeId, ReasonId = reasonId, Origin = TicketOrigin.Passive, Priority = TicketPriority.Normal,
                    Situation = $"Pedido {number} chegou com avaria na embalagem e o cliente pede troca.", ResponsibleId = u.Id,
                }, actor, now.AddMinutes(-60));
                ticket.Version = Guid.NewGuid();
                db.Tickets.Add(ticket);
                db.TicketHistory.Add(TicketHistory.Create(ticket, actor, now.AddMinutes(-60), TicketFields.Created, null, "#" + number));
                for (var c = 0; c < ChangesPerTicket; c++)
                    db.TicketHistory.Add(TicketHistory.Create(ticket, actor, now.AddMinutes(-50 + c * 10), TicketFields.Priority,
                        priorities[c % 4].ToString(), priorities[(c + 1) % 4].ToString()));
            }
        }
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);
        await db.Database.ExecuteSqlAsync($"INSERT INTO \"TicketCounters\" (\"CompanyId\", \"Last\") VALUES ({companyId}, {number})", ct);
        return companyId;
    }

    private static AppUser NewUser(string login, string name, int companyId, DateTime now) => new()
    {
        Id = Guid.NewGuid().ToString(), UserName = $"{login}@bench.local", NormalizedUserName = $"{login}@bench.local".ToUpperInvariant(),
        Email = $"{login}@bench.local", NormalizedEmail = $"{login}@bench.local".ToUpperInvariant(), FullName = name, IsActive = true,
        SecurityStamp = Guid.NewGuid().ToString("N"), CreatedAtUtc = now, Companies = [new UserCompany { CompanyId = companyId }],
    };

    /// <summary>An SMTP server (SmtpServer package) on 127.0.0.1 that accepts and counts every message.</summary>
    private sealed class LoopbackServer : MessageStore, IAsyncDisposable
    {
        private readonly CancellationTokenSource stop = new();
        private Task? running;
        private int received;
        private long bytes;

        public int Port { get; private init; }
        public int Received => Volatile.Read(ref received);
        public long Bytes => Interlocked.Read(ref bytes);

        public static async Task<LoopbackServer> StartAsync(CancellationToken ct)
        {
            var l = new TcpListener(IPAddress.Loopback, 0);
            l.Start();
            var server = new LoopbackServer { Port = ((IPEndPoint)l.LocalEndpoint).Port };
            l.Stop();
            var options = new SmtpServerOptionsBuilder().ServerName("bench.local")
                .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, server.Port)).IsSecure(false)).Build();
            var sp = new SmtpServer.ComponentModel.ServiceProvider();
            sp.Add(server);
            server.running = new SmtpServer.SmtpServer(options, sp).StartAsync(server.stop.Token);
            for (var i = 0; ; i++)
            {
                try
                {
                    using var probe = new TcpClient();
                    await probe.ConnectAsync(IPAddress.Loopback, server.Port, ct);
                    return server;
                }
                catch (SocketException) when (i < 200) { await Task.Delay(25, ct); }
            }
        }

        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken ct)
        {
            Interlocked.Increment(ref received);
            Interlocked.Add(ref bytes, buffer.Length);
            return Task.FromResult(SmtpResponse.Ok);
        }

        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            if (running is not null) { try { await running; } catch (OperationCanceledException) { } }
            stop.Dispose();
        }
    }
}
