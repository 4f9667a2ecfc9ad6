namespace ServerlessCqrs.Core.Tests;

public sealed class ResultTests
{
    [Fact]
    public void Default_IsSuccess()
    {
        Assert.True(default(Result).IsSuccess);
        Assert.True(Result.Success.IsSuccess);
        Assert.Equal("Success", Result.Success.ToString());
    }

    [Fact]
    public void ImplicitError_IsFailureWithThatError()
    {
        var error = Error.Conflict("order_cancelled", "It is cancelled.");
        Result result = error;
        Result<int> typed = error;

        Assert.False(result.IsSuccess);
        Assert.Same(error, result.Error);
        Assert.Same(error, typed.Error);
        Assert.Equal("Failure(Conflict order_cancelled: It is cancelled.)", result.ToString());
    }

    [Fact]
    public void Value_OfFailure_Throws()
    {
        Result<int> result = Error.NotFound("missing", "Not there.");

        var exception = Assert.Throws<InvalidOperationException>(() => result.Value);
        Assert.Contains("missing", exception.Message, StringComparison.Ordinal);
        Assert.False(result.TryGetValue(out _));
    }

    [Fact]
    public void ImplicitValue_IsSuccessWithValue()
    {
        Result<string> result = "ok";

        Assert.True(result.TryGetValue(out var value));
        Assert.Equal("ok", value);
        Assert.Equal("ok", result.Value);
        Assert.Equal("Success(ok)", result.ToString());
    }

    [Fact]
    public void ErrorFactories_SetKindAndCode()
    {
        Assert.Equal(ErrorKind.RuleViolation, Error.RuleViolation("limit", "Too many.").Kind);
        Assert.Equal(ErrorKind.Concurrency, Error.Concurrency("Changed.").Kind);
        Assert.Equal("concurrency_conflict", Error.Concurrency("Changed.").Code);

        var validation = Error.Validation("name", "Required.");
        Assert.Equal(ErrorKind.Validation, validation.Kind);
        Assert.Equal(["Required."], validation.Fields["name"]);
        Assert.Empty(Error.NotFound("x", "y").Fields);
    }

    [Fact]
    public void Error_WithoutCode_IsRejected() =>
        Assert.Throws<ArgumentException>(() => Error.NotFound(" ", "Message."));
}
