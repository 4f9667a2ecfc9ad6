using ServerlessApp.Domain;
using ServerlessCqrs.Http;

// The whole API in one process with embedded defaults (in-memory store, in-process events); settings move it to
// Azurite, Service Bus or Redis, as they do the Functions app.
var builder = WebApplication.CreateSlimBuilder(args);
if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
{
    builder.WebHost.UseUrls("http://127.0.0.1:7071");
}

builder.Services.AddServerlessCqrsApp(builder.Configuration).AddDomain().RunBackgroundWork();
builder.Services.AddServerlessCqrsHttp(builder.Configuration);
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<CqrsExceptionHandler>();

var app = builder.Build();
app.UseExceptionHandler();
app.MapServerlessCqrs();
app.Run();
