global using Microsoft.Extensions.DependencyInjection;
global using ServerlessCqrs;
global using ServerlessCqrs.Storage;
