namespace ServerlessApp.Domain;

/// <summary>A customer as stored: the aggregate its commands change.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Name">Its name.</param>
public sealed record Customer(string Id, string Name);
