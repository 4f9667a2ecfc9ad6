using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using ServerlessCqrs.Functions;

var builder = FunctionsApplication.CreateBuilder(args).UseServerlessCqrs();
builder.Services.AddFunctionsApp(builder.Configuration);
builder.Build().Run();
