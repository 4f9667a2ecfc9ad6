namespace ServerlessCqrs.Testing;

/// <summary>Files of this repository, found from a test's output folder.</summary>
public static class Repository
{
    /// <summary>The folder that holds ServerlessCqrs.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>A path under the root, given with forward slashes.</summary>
    public static string PathOf(string relative) => Path.Combine(Root, relative);

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ServerlessCqrs.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException($"No ServerlessCqrs.sln above {AppContext.BaseDirectory}.");
    }
}
