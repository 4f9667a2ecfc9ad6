namespace ServerlessCqrs;

/// <summary>Marks a type the kernel can dispatch: a command, a query or an event.</summary>
public interface IMessage;
