using ServerlessCqrs.Storage;

namespace ServerlessCqrs.Core.Tests.Storage;

public sealed class ReadModelCursorTests
{
    [Theory]
    [InlineData("9223372036854775807", "o1")]
    [InlineData("a:b|c", "id:with|separators")]
    [InlineData("", "only-an-id")]
    [InlineData("ключ", "ид")]
    public void TheToken_ReadsBackAsTheSamePosition(string sortKey, string id)
    {
        var token = new ReadModelCursor(sortKey, id).ToString();

        Assert.True(ReadModelCursor.TryParse(token, out var cursor));
        Assert.Equal(new ReadModelCursor(sortKey, id), cursor);
        Assert.Matches("^[A-Za-z0-9_-]+$", token);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64url!")]
    [InlineData("MTA6YWJj")] // "10:abc": a sort key longer than the token holds
    [InlineData("MzphYmM")] // "3:abc": no id after the sort key
    [InlineData("OmFiYw")] // ":abc": no length
    [InlineData("LTE6YWJj")] // "-1:abc"
    [InlineData("__8")] // not UTF-8
    public void AnythingElse_IsRefused(string? token) =>
        Assert.False(ReadModelCursor.TryParse(token, out _));

    [Fact]
    public void ATokenLongerThanTheLimit_IsRefused()
    {
        var token = new ReadModelCursor(new string('k', ReadModelCursor.MaxTokenLength), "id").ToString();

        Assert.False(ReadModelCursor.TryParse(token, out _));
    }
}
