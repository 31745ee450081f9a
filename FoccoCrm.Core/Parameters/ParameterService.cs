using System.Globalization;
using FluentValidation;
using FluentValidation.Results;
using FoccoCrm.Core.Catalogs;
using FoccoCrm.Core.Common;
using FoccoCrm.Core.Companies;
using FoccoCrm.Core.Data;
using FoccoCrm.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace FoccoCrm.Core.Parameters;

/// <summary>
/// Parameters (FUTL0125): answered per company and per user, resolved user → company → default.
/// Other features ask here for the value that applies (<see cref="GetEffectiveAsync"/>, <see cref="GetBoolAsync"/>, ...).
/// Parameter 08 is the company's time zone: read from and written to <see cref="Company.TimeZoneId"/>.
/// </summary>
public sealed class ParameterService(IDbContextFactory<FoccoDbContext> dbFactory, IValidator<CompanyInput> companyValidator, TimeProvider clock)
{
    /// <summary>The value of a parameter that applies to the acting user in a company.</summary>
    public Task<ParameterValue> GetEffectiveAsync(CurrentUser user, int companyId, string number, CancellationToken ct = default) =>
        GetEffectiveForUserAsync(user, companyId, user.Id, number, ct);

    /// <summary>The value that applies to another user of the company (e.g. parameter 10 of a ticket's new responsible).</summary>
    public async Task<ParameterValue> GetEffectiveForUserAsync(CurrentUser user, int companyId, string userId, string number, CancellationToken ct = default)
    {
        user.EnsureAccess(companyId);
        var definition = ParameterDefinition.Get(number);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (definition.Number == ParameterDefinition.CompanyTimeZone)
        {
            var zone = await db.Companies.AsNoTracking().Where(c => c.Id == companyId).Select(c => c.TimeZoneId).FirstOrDefaultAsync(ct)
                       ?? throw new NotFoundException(Messages.CompanyNotFound);
            return ParameterValue.Resolve(definition, zone, null);
        }
        var answers = await db.ParameterAnswers.AsNoTracking()
            .Where(a => a.CompanyId == companyId && a.Number == definition.Number && (a.UserId == null || a.UserId == userId))
            .Select(a => new { a.UserId, a.Value }).ToListAsync(ct);
        return ParameterValue.Resolve(definition, answers.FirstOrDefault(a => a.UserId == null)?.Value, answers.FirstOrDefault(a => a.UserId != null)?.Value);
    }

    /// <summary>An S/N parameter as a bool (S = true).</summary>
    public async Task<bool> GetBoolAsync(CurrentUser user, int companyId, string number, CancellationToken ct = default) =>
        (await GetEffectiveAsync(user, companyId, number, ct)).Value == "S";

    /// <summary>A numeric parameter (09, or 01's ticket type id); null when it has no value.</summary>
    public async Task<int?> GetIntAsync(CurrentUser user, int companyId, string number, CancellationToken ct = default) =>
        int.TryParse((await GetEffectiveAsync(user, companyId, number, ct)).Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>
    /// A numeric parameter as the company answered it (or its default), with no user's own answer: for work done for everyone
    /// at once (the boards' shared read of a changed ticket). Callers are inside Core and have checked access already.
    /// </summary>
    internal async Task<int?> GetCompanyIntAsync(int companyId, string number, CancellationToken ct = default)
    {
        var definition = ParameterDefinition.Get(number);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var answer = await db.ParameterAnswers.AsNoTracking().Where(a => a.CompanyId == companyId && a.Number == definition.Number && a.UserId == null)
            .Select(a => a.Value).FirstOrDefaultAsync(ct);
        return int.TryParse(ParameterValue.Resolve(definition, answer, null).Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    /// <summary>The ten parameters with default, company answer, the acting user's answer and which wins.</summary>
    public async Task<ParameterSheet> GetSheetAsync(CurrentUser user, int companyId, CancellationToken ct = default)
    {
        user.EnsureAccess(companyId);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var company = await db.Companies.AsNoTracking().Where(c => c.Id == companyId).Select(c => new { c.TimeZoneId, c.Version }).FirstOrDefaultAsync(ct)
                      ?? throw new NotFoundException(Messages.CompanyNotFound);
        var answers = await db.ParameterAnswers.AsNoTracking()
            .Where(a => a.CompanyId == companyId && (a.UserId == null || a.UserId == user.Id))
            .Select(a => new { a.Number, a.UserId, a.Value, a.Version }).ToListAsync(ct);
        var users = await db.UserCompanies.AsNoTracking()
            .Where(uc => uc.CompanyId == companyId)
            .Join(db.Users.Where(u => u.IsActive), uc => uc.UserId, u => u.Id, (uc, u) => u)
            .OrderBy(u => u.FullName).Select(u => new ParameterUserOption(u.Id, u.FullName, u.Email ?? "")).ToListAsync(ct);

        var rows = ParameterDefinition.All.Select(d =>
        {
            if (d.Number == ParameterDefinition.CompanyTimeZone)
                return new ParameterSheetRow(d, company.TimeZoneId, company.Version, null, null, ParameterValue.Resolve(d, company.TimeZoneId, null));
            var c = answers.FirstOrDefault(a => a.Number == d.Number && a.UserId == null);
            var u = answers.FirstOrDefault(a => a.Number == d.Number && a.UserId != null);
            return new ParameterSheetRow(d, c?.Value, c?.Version, u?.Value, u?.Version, ParameterValue.Resolve(d, c?.Value, u?.Value));
        }).ToList();
        var answeredTypes = rows.Where(r => r.Definition.Type == ParameterType.TicketType)
            .SelectMany(r => new[] { r.CompanyValue, r.UserValue }).Select(v => int.TryParse(v, out var id) ? id : 0).Where(id => id > 0).ToList();
        var ticketTypes = await db.TicketTypes.AsNoTracking()
            .Where(t => t.IsActive || answeredTypes.Contains(t.Id))
            .OrderBy(t => t.Code).Select(t => new CatalogOption(t.Id, t.Code, t.Description)).ToListAsync(ct);
        return new ParameterSheet(companyId, rows, users, ticketTypes, CanEditCompany(user));
    }

    public static bool CanEditCompany(CurrentUser user) => user.IsAdministrator || user.IsManager;

    /// <summary>
    /// Saves company answers (number → value; empty clears the answer, numbers not given are kept),
    /// all or nothing. Administrators and managers only. <paramref name="expectedVersions"/> are the
    /// versions the answers were read at (<see cref="ParameterSheet.CompanyVersions"/>): an answer someone
    /// else changed meanwhile is a <see cref="ConcurrencyConflictException"/> carrying the fresh sheet.
    /// </summary>
    public async Task SaveCompanyAnswersAsync(CurrentUser user, int companyId, IReadOnlyDictionary<string, string?> answers,
        IReadOnlyDictionary<string, Guid?> expectedVersions, CancellationToken ct = default)
    {
        user.EnsureAccess(companyId);
        if (!CanEditCompany(user)) throw new ForbiddenException(Messages.ParametersCompanyEditors);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var values = await ValidateAsync(db, companyId, answers, userScope: false, ct);

        var company = await db.Companies.FirstOrDefaultAsync(c => c.Id == companyId, ct) ?? throw new NotFoundException(Messages.CompanyNotFound);
        var stored = await db.ParameterAnswers.Where(a => a.CompanyId == companyId && a.UserId == null).ToDictionaryAsync(a => a.Number, ct);

        // Concurrency: an answer the user changes must still be the one they read.
        foreach (var (number, value) in values)
        {
            var (current, version) = number == ParameterDefinition.CompanyTimeZone
                ? (company.TimeZoneId, (Guid?)company.Version)
                : (stored.GetValueOrDefault(number)?.Value ?? "", stored.GetValueOrDefault(number)?.Version);
            if (current != value && expectedVersions.GetValueOrDefault(number) != version)
                throw new ConcurrencyConflictException(Messages.ConcurrencyConflict, await GetSheetAsync(user, companyId, ct));
        }

        // The 04 → 05/06 rule on the company's resulting values, and on users who rely on them.
        string Company(string n) => values.TryGetValue(n, out var v) ? v : stored.GetValueOrDefault(n)?.Value ?? "";
        var failures = Missing(Effective(ParameterDefinition.UseSystemEmailServer), Effective(ParameterDefinition.EmailServer), Effective(ParameterDefinition.EmailSender));
        string Effective(string n) => ParameterValue.Resolve(ParameterDefinition.Get(n), Company(n), null).Value;
        if (failures.Count == 0) failures = await UsersBrokenByAsync(db, companyId, Company, ct);
        if (failures.Count > 0) throw new ValidationException(failures);

        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (number, value) in values)
        {
            if (number == ParameterDefinition.CompanyTimeZone)
            {
                var input = new CompanyInput { Code = company.Code, Name = company.Name, Cnpj = company.Cnpj, TimeZoneId = value, IsActive = company.IsActive };
                await companyValidator.EnsureValidAsync(input, ct);
                company.Apply(input);
                continue;
            }
            Apply(db, stored.GetValueOrDefault(number), number, companyId, null, value, now);
        }
        await SaveAsync(db, user, companyId, ct);
    }

    /// <summary>
    /// Saves the acting user's own answers in a company (empty clears: the company's answer or the default applies).
    /// Only parameters a user may answer; all or nothing; the 04 → 05/06 rule on the user's resulting values.
    /// </summary>
    public async Task SaveUserAnswersAsync(CurrentUser user, int companyId, IReadOnlyDictionary<string, string?> answers, CancellationToken ct = default)
    {
        user.EnsureAccess(companyId);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var values = await ValidateAsync(db, companyId, answers, userScope: true, ct);
        var mine = await db.ParameterAnswers.Where(a => a.CompanyId == companyId && a.UserId == user.Id).ToDictionaryAsync(a => a.Number, ct);
        var company = await db.ParameterAnswers.AsNoTracking().Where(a => a.CompanyId == companyId && a.UserId == null).ToDictionaryAsync(a => a.Number, a => a.Value, ct);

        string Effective(string n) => ParameterValue.Resolve(ParameterDefinition.Get(n), company.GetValueOrDefault(n),
            values.TryGetValue(n, out var v) ? v : mine.GetValueOrDefault(n)?.Value).Value;
        var failures = Missing(Effective(ParameterDefinition.UseSystemEmailServer), Effective(ParameterDefinition.EmailServer), Effective(ParameterDefinition.EmailSender));
        if (failures.Count > 0) throw new ValidationException(failures);

        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (number, value) in values) Apply(db, mine.GetValueOrDefault(number), number, companyId, user.Id, value, now);
        await SaveAsync(db, user, companyId, ct);
    }

    /// <summary>Checks every answer (unknown number, scope, type, user of 02) and returns them normalized; throws with all failures.</summary>
    private static async Task<Dictionary<string, string>> ValidateAsync(FoccoDbContext db, int companyId, IReadOnlyDictionary<string, string?> answers, bool userScope, CancellationToken ct)
    {
        var failures = new List<ValidationFailure>();
        var values = new Dictionary<string, string>();
        foreach (var (number, raw) in answers)
        {
            var definition = ParameterDefinition.Find(number);
            if (definition is null) { failures.Add(new(number, Messages.Format(nameof(Messages.ParameterUnknown), number))); continue; }
            if (userScope && !definition.UserMayAnswer) { failures.Add(new(definition.Number, Messages.Format(nameof(Messages.ParameterCompanyOnly), definition.Number))); continue; }
            var value = definition.Normalize(raw);
            // 08 is the company's time zone, which always has one: clearing it means the default zone.
            if (definition.Number == ParameterDefinition.CompanyTimeZone && value.Length == 0) value = definition.Default;
            var error = definition.Validate(value);
            if (error is null && definition.Type == ParameterType.User && value.Length > 0 &&
                !await db.UserCompanies.AnyAsync(uc => uc.CompanyId == companyId && uc.UserId == value && db.Users.Any(u => u.Id == value && u.IsActive), ct))
                error = Messages.ParameterInvalidUser;
            if (error is null && definition.Type == ParameterType.TicketType && value.Length > 0 &&
                !await db.TicketTypes.AnyAsync(t => t.Id == int.Parse(value, CultureInfo.InvariantCulture) && t.IsActive, ct))
                error = Messages.ParameterInvalidTicketType;
            if (error is not null) failures.Add(new(definition.Number, $"{definition.Number}: {error}"));
            values[definition.Number] = value;
        }
        if (failures.Count > 0) throw new ValidationException(failures);
        return values;
    }

    private static List<ValidationFailure> Missing(string effective04, string effective05, string effective06) =>
        ParameterRules.MissingMailSettings(effective04, effective05, effective06)
            .Select(n => new ValidationFailure(n, n == ParameterDefinition.EmailServer ? Messages.ParameterEmailServerRequired : Messages.ParameterSenderRequired))
            .ToList();

    /// <summary>Users whose own 04 = N relies on the company's 05/06 that this save would leave empty.</summary>
    private static async Task<List<ValidationFailure>> UsersBrokenByAsync(FoccoDbContext db, int companyId, Func<string, string> company, CancellationToken ct)
    {
        string[] mail = [ParameterDefinition.UseSystemEmailServer, ParameterDefinition.EmailServer, ParameterDefinition.EmailSender];
        var rows = await db.ParameterAnswers.AsNoTracking()
            .Where(a => a.CompanyId == companyId && a.UserId != null && mail.Contains(a.Number))
            .Join(db.Users, a => a.UserId, u => u.Id, (a, u) => new { a.UserId, u.FullName, a.Number, a.Value }).ToListAsync(ct);
        var failures = new List<ValidationFailure>();
        foreach (var g in rows.GroupBy(r => (r.UserId, r.FullName)))
        {
            string Effective(string n) => ParameterValue.Resolve(ParameterDefinition.Get(n), company(n), g.FirstOrDefault(r => r.Number == n)?.Value).Value;
            foreach (var n in ParameterRules.MissingMailSettings(Effective(mail[0]), Effective(mail[1]), Effective(mail[2])))
                failures.Add(new(n, Messages.Format(nameof(Messages.ParameterUserReliesOnCompany), n, g.Key.FullName)));
        }
        return failures;
    }

    private static void Apply(FoccoDbContext db, ParameterAnswer? existing, string number, int companyId, string? userId, string value, DateTime now)
    {
        if (value.Length == 0)
        {
            if (existing is not null) db.ParameterAnswers.Remove(existing);
        }
        else if (existing is null) db.ParameterAnswers.Add(ParameterAnswer.Create(number, companyId, userId, value, now));
        else existing.Change(value, now);
    }

    private async Task SaveAsync(FoccoDbContext db, CurrentUser user, int companyId, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) // a concurrent save changed, removed or added the same answer
        {
            throw new ConcurrencyConflictException(Messages.ConcurrencyConflict, await GetSheetAsync(user, companyId, ct));
        }
    }
}
