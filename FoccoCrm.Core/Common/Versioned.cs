namespace FoccoCrm.Core.Common;

/// <summary>
/// A record two people can edit. <see cref="Version"/> is the optimistic concurrency token:
/// a new value is stamped on every save (see Data/VersionStampInterceptor).
/// </summary>
public interface IVersioned
{
    Guid Version { get; set; }
}

/// <summary>A record owned by one company (empresa).</summary>
public interface ICompanyOwned
{
    int CompanyId { get; }
}
