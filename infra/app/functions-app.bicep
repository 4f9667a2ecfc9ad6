// The ServerlessCqrs Functions app: the settings it reads, on a Flex Consumption host. Every
// connection is identity-based (`__credential` + `__clientId`); the only secrets are Key Vault references.

@description('The app\'s name.')
param name string

@description('The plan\'s name.')
param planName string

@description('Where it lives.')
param location string

@description('Tags for every resource.')
param tags object

@description('The azd service this app is (the key under `services` in azure.yaml).')
param serviceName string

@description('The azd environment, reported as the deployment.environment.name of the app\'s telemetry.')
param environmentName string

@description('The user-assigned identity the app runs as: its resource id and client id.')
param identityId string
param identityClientId string

@description('The storage account: its name (the host\'s storage), blob endpoint (deployments) and table endpoint (the app\'s state).')
param storageAccountName string
param storageBlobEndpoint string
param storageTableEndpoint string
param deploymentContainerName string

@description('Service Bus: the namespace host name, the events topic and the app\'s subscription.')
param serviceBusNamespace string
param topicName string
param subscriptionName string

@description('The Storage Queue transport\'s queue, which the (disabled) queue trigger names.')
param storageQueueName string

@description('Deliveries of an event before the app dead-letters it; the subscription\'s maxDeliveryCount is the same.')
param maxDeliveryAttempts int

@description('Key Vault secret URI of the Redis connection string.')
param redisConnectionStringSecretUri string

@description('OpenObserve: base URL and organization (empty URL: no export), and the Key Vault secret URI of its token (which must exist when the URL is set).')
param openObserveUrl string
param openObserveOrganization string
param openObserveTokenSecretUri string

@description('Entra ID: the API\'s app registration (client) id, its tenant and the audience its tokens carry. An empty client id: no Entra ID.')
param authClientId string
param authTenantId string
param authAudience string

var identityCredential = 'managedidentity'
var entraId = !empty(authClientId)

// The OpenID issuer of the tenant's v2.0 tokens, for the platform and for the app's bearer handler.
var authority = '${environment().authentication.loginEndpoint}${authTenantId}/v2.0'

// With Entra ID, the app validates bearer tokens itself as well (the same settings a local run uses), so a
// request that reaches it without the platform gets the same answer. Without it, the app runs open on
// purpose, behind function keys.
var authenticationSettings = entraId
  ? {
      Authentication__Schemes__Bearer__Authority: authority
      Authentication__Schemes__Bearer__ValidAudiences__0: authAudience
      Authentication__Schemes__Bearer__ValidAudiences__1: authClientId
    }
  : {
      Cqrs__Http__AllowAnonymous: 'true'
    }

module host '../core/host/flex-function-app.bicep' = {
  name: 'functions-host'
  params: {
    name: name
    planName: planName
    location: location
    tags: union(tags, { 'azd-service-name': serviceName })
    identityId: identityId
    deploymentBlobEndpoint: storageBlobEndpoint
    deploymentContainerName: deploymentContainerName
    dotnetVersion: '10.0'
    instanceMemoryMB: 2048
    maximumInstanceCount: 100
    appSettings: union(authenticationSettings, {
      // The Functions host's own storage: timer schedules and locks, keys.
      AzureWebJobsStorage__accountName: storageAccountName
      AzureWebJobsStorage__credential: identityCredential
      AzureWebJobsStorage__clientId: identityClientId

      // State, outbox, handler ledger and read models in Table Storage (connection "Storage").
      Cqrs__Store: 'TableStorage'
      Storage__tableServiceUri: storageTableEndpoint
      Storage__credential: identityCredential
      Storage__clientId: identityClientId

      // Events over the Service Bus topic (connection "ServiceBus", trigger DispatchServiceBusEvent).
      Cqrs__Events__Transport: 'ServiceBus'
      ServiceBus__fullyQualifiedNamespace: serviceBusNamespace
      ServiceBus__credential: identityCredential
      ServiceBus__clientId: identityClientId
      Cqrs__Events__ServiceBus__TopicName: topicName
      Cqrs__Events__ServiceBus__SubscriptionName: subscriptionName
      Cqrs__Events__MaxDeliveryAttempts: string(maxDeliveryAttempts)

      // The Storage Queue trigger serves local runs; here it stays off. Its queue-name binding
      // expression must still resolve, or the host reports the function in error.
      'AzureWebJobs.DispatchQueuedEvent.Disabled': 'true'
      Cqrs__Events__StorageQueue__QueueName: storageQueueName

      // The query cache's second level and backplane.
      ConnectionStrings__Redis: '@Microsoft.KeyVault(SecretUri=${redisConnectionStringSecretUri})'

      // Telemetry over OTLP to OpenObserve; a blank URL exports nothing.
      OPENOBSERVE_URL: openObserveUrl
      OPENOBSERVE_ORGANIZATION: openObserveOrganization
      OPENOBSERVE_TOKEN: empty(openObserveUrl) ? '' : '@Microsoft.KeyVault(SecretUri=${openObserveTokenSecretUri})'
      ENVIRONMENT: environmentName
    })
    authentication: entraId
      ? {
          clientId: authClientId
          openIdIssuer: authority
          allowedAudiences: [authAudience, authClientId]
        }
      : {}
  }
}

output name string = host.outputs.name
output url string = 'https://${host.outputs.defaultHostName}'
