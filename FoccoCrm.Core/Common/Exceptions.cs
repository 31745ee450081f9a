namespace FoccoCrm.Core.Common;

/// <summary>The user may not do this (wrong role, or a company they have no access to).</summary>
public sealed class ForbiddenException(string message) : Exception(message);

/// <summary>The record does not exist (or is not visible to the user).</summary>
public sealed class NotFoundException(string message) : Exception(message);

/// <summary>A business rule refused the operation; the message is meant for the user.</summary>
public class BusinessRuleException(string message) : Exception(message);

/// <summary>Someone else saved the record after the user loaded it.</summary>
public sealed class ConcurrencyConflictException(string message, object? current = null) : Exception(message)
{
    /// <summary>The record as it is now in the database (read model), for a "theirs vs yours" view.</summary>
    public object? Current { get; } = current;
}
