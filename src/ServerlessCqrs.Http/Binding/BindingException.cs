namespace ServerlessCqrs.Http.Binding;

/// <summary>The request cannot be turned into the message; the message is safe to show the caller.</summary>
internal sealed class BindingException(string message) : Exception(message);
