namespace ServerlessApp.Domain;

/// <summary>The codes of the customers' expected failures.</summary>
public static class CustomerErrors
{
    /// <summary>No customer has the id.</summary>
    public const string NotFound = "customer_not_found";

    /// <summary>A customer with the new id exists already.</summary>
    public const string Exists = "customer_exists";
}
