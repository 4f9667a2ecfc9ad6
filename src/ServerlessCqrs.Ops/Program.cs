using ServerlessCqrs.Ops.Cli;

return await OpsCli.RunAsync(args, OpsContext.ForProcess());
