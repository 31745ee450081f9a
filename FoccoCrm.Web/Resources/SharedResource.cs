namespace FoccoCrm.Web.Resources;

/// <summary>Marker for the UI strings: SharedResource.resx (pt-BR, neutral) and SharedResource.en-US.resx.</summary>
public sealed class SharedResource;
