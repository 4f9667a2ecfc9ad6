using Azure;
using Azure.Identity;
using Azure.Messaging.ServiceBus;

namespace ServerlessCqrs.Ops.Cli;

/// <summary>What Azure SDK failures mean to an operator, each in one line.</summary>
internal static class AzureFailures
{
    /// <summary>Runs <paramref name="work"/> against <paramref name="target"/>; an Azure failure becomes one line that names it.</summary>
    public static async Task<T> RunAsync<T>(string target, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        try
        {
            return await work(cancellationToken);
        }
        catch (OperationCanceledException failure) when (cancellationToken.IsCancellationRequested)
        {
            throw new OpsException($"No answer from {target} before the time limit (--timeout).", failure);
        }
        catch (AggregateException failure) when (failure.InnerExceptions.Count > 0)
        {
            // The SDK's retries all failed, each the same way.
            var last = failure.InnerExceptions[^1];
            throw new OpsException($"Cannot reach {target} ({failure.InnerExceptions.Count} tries): {FailureText.FirstLine(last.Message)}", failure);
        }
        catch (RequestFailedException failure) when (failure.Status == 0)
        {
            throw new OpsException($"Cannot reach {target}: {failure.InnerException?.Message ?? failure.Message}", failure);
        }
        catch (RequestFailedException failure) when (failure.Status is 401 or 403)
        {
            throw new OpsException($"{target} refused the credentials ({failure.Status} {failure.ErrorCode}): check the connection's key or the identity's role.", failure);
        }
        catch (RequestFailedException failure)
        {
            throw new OpsException($"{target} answered {failure.Status} {failure.ErrorCode}.", failure);
        }
        catch (ServiceBusException failure)
        {
            throw new OpsException($"{target} failed: {failure.Reason} ({FailureText.FirstLine(failure.Message)}).", failure);
        }
        catch (UnauthorizedAccessException failure)
        {
            throw new OpsException($"{target} refused the credentials: {FailureText.FirstLine(failure.Message)}", failure);
        }
        catch (AuthenticationFailedException failure)
        {
            throw new OpsException($"No token for {target}: sign in (az login) or set the connection string. {FailureText.FirstLine(failure.Message)}", failure);
        }
    }
}
