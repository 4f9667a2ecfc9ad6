using Microsoft.Extensions.Logging.Abstractions;
using ServerlessCqrs.Housekeeping;

namespace ServerlessCqrs.Core.Tests.Housekeeping;

public sealed class HousekeeperTests
{
    [Fact]
    public async Task Run_AddsUpWhatEachTaskRemoved_AndAFailingTaskDoesNotStopTheOthers()
    {
        var after = new CountingTask(2);
        var housekeeper = new Housekeeper([new CountingTask(3), new FailingTask(), after], NullLogger<Housekeeper>.Instance);

        var removed = await housekeeper.RunAsync(default);

        Assert.Equal((5, 1), (removed, after.Runs));
    }

    private sealed class CountingTask(int removes) : IHousekeepingTask
    {
        public int Runs { get; private set; }

        public string Name => "counted rows";

        public ValueTask<int> RunAsync(CancellationToken cancellationToken)
        {
            Runs++;
            return ValueTask.FromResult(removes);
        }
    }

    private sealed class FailingTask : IHousekeepingTask
    {
        public string Name => "unreachable rows";

        public ValueTask<int> RunAsync(CancellationToken cancellationToken) => throw new IOException("unreachable");
    }
}
