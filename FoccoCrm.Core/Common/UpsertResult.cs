namespace FoccoCrm.Core.Common;

/// <summary>What a batch upsert (file import or /api) did.</summary>
public sealed record UpsertResult(int Inserted, int Updated);
