namespace FoccoCrm.Core.Selections;

public sealed partial class SelectionService
{
    // generation comes next (uses these)
    private object GenerationDependencies => (generateValidator, feed);
}
