using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ServerlessCqrs.Payments.Projections;

namespace ServerlessCqrs.Payments;

/// <summary>Adds the Payments domain to the kernel.</summary>
public static class PaymentsCqrsBuilderExtensions
{
    /// <summary>
    /// Registers the Payments messages, handlers and payment process, its read model, and <see cref="PaymentOptions"/>
    /// from the <c>Payments</c> section. It reacts to the Orders event <c>OrderConfirmed</c> and sends Orders commands
    /// by name, so the host registers Orders too.
    /// </summary>
    public static CqrsBuilder AddPayments(this CqrsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddHandlersFrom(typeof(PaymentsCqrsBuilderExtensions).Assembly).AddReadModel<PaymentView>(PaymentViews.Name);
        builder.Services.AddOptions<PaymentOptions>()
            .Configure<IServiceProvider>((options, sp) => sp.GetService<IConfiguration>()?.GetSection(PaymentOptions.SectionName).Bind(options))
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PaymentOptions>, PaymentOptionsValidator>());
        builder.Services.TryAddSingleton<PaymentViews>();
        return builder;
    }
}
