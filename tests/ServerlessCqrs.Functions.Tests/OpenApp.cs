namespace ServerlessCqrs.Functions.Tests;

/// <summary>The setting that lets the app start with no authentication, as tests of everything but authentication run it.</summary>
internal static class OpenApp
{
    public const string Setting = "Cqrs:Http:AllowAnonymous";
}
