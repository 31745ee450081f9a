using System.Security.Cryptography;
using System.Text;
using FoccoCrm.Core.Common;
using FoccoCrm.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace FoccoCrm.Core.Identity;

public sealed record IssuedToken(string Token, DateTime ExpiresAtUtc);

public sealed record PersonalTokenRow(int Id, string Name, string Prefix, DateTime CreatedAtUtc, DateTime? ExpiresAtUtc, DateTime? LastUsedAtUtc, bool IsRevoked);

/// <summary>Bearer tokens of the HTTP API: short-lived session tokens and revocable personal tokens.</summary>
public sealed class ApiTokenService(IDbContextFactory<FoccoDbContext> dbFactory, TimeProvider clock)
{
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromMinutes(30);
    private const string SecretPrefix = "fcrm_";

    public async Task<IssuedToken> IssueSessionTokenAsync(string userId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var (secret, token) = NewToken(userId, ApiTokenKind.Session, "session", now, now + SessionLifetime);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Expired session tokens of this user are of no use any more: keep the table small.
        await db.ApiTokens.Where(t => t.UserId == userId && t.Kind == ApiTokenKind.Session && t.ExpiresAtUtc < now).ExecuteDeleteAsync(ct);
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(ct);
        return new IssuedToken(secret, token.ExpiresAtUtc!.Value);
    }

    /// <summary>Creates a personal token; the returned secret is shown once and never stored.</summary>
    public async Task<IssuedToken> CreatePersonalTokenAsync(CurrentUser user, string name, int? validDays, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 80)
            throw new FluentValidation.ValidationException([new FluentValidation.Results.ValidationFailure("Name", Messages.Field_TokenName + ": 1–80")]);
        var now = clock.GetUtcNow().UtcDateTime;
        DateTime? expires = validDays is > 0 ? now.AddDays(validDays.Value) : null;
        var (secret, token) = NewToken(user.Id, ApiTokenKind.Personal, name.Trim(), now, expires);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(ct);
        return new IssuedToken(secret, expires ?? DateTime.MaxValue);
    }

    public async Task<IReadOnlyList<PersonalTokenRow>> ListPersonalTokensAsync(CurrentUser user, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ApiTokens.AsNoTracking()
            .Where(t => t.UserId == user.Id && t.Kind == ApiTokenKind.Personal)
            .OrderByDescending(t => t.CreatedAtUtc)
            .Select(t => new PersonalTokenRow(t.Id, t.Name, t.Prefix, t.CreatedAtUtc, t.ExpiresAtUtc, t.LastUsedAtUtc, t.RevokedAtUtc != null))
            .ToListAsync(ct);
    }

    public async Task RevokeAsync(CurrentUser user, int tokenId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var n = await db.ApiTokens.Where(t => t.Id == tokenId && t.UserId == user.Id && t.RevokedAtUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAtUtc, clock.GetUtcNow().UtcDateTime), ct);
        if (n == 0) throw new NotFoundException(Messages.TokenNotFound);
    }

    /// <summary>The user id behind a usable token of an active user, else null.</summary>
    public async Task<string?> ValidateAsync(string secret, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(secret) || !secret.StartsWith(SecretPrefix, StringComparison.Ordinal)) return null;
        var hash = Hash(secret);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.TokenHash == hash, ct);
        if (token is null || !token.IsUsableAt(now)) return null;
        if (!await db.Users.AnyAsync(u => u.Id == token.UserId && u.IsActive, ct)) return null;
        if (token.Kind == ApiTokenKind.Personal && (token.LastUsedAtUtc is null || now - token.LastUsedAtUtc > TimeSpan.FromMinutes(1)))
        {
            token.LastUsedAtUtc = now;
            await db.SaveChangesAsync(ct);
        }
        return token.UserId;
    }

    private static (string Secret, ApiToken Token) NewToken(string userId, ApiTokenKind kind, string name, DateTime now, DateTime? expires)
    {
        var secret = SecretPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        return (secret, new ApiToken
        {
            UserId = userId, Kind = kind, Name = name, TokenHash = Hash(secret), Prefix = secret[..(SecretPrefix.Length + 6)],
            CreatedAtUtc = now, ExpiresAtUtc = expires,
        });
    }

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
