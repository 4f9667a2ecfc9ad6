// `azd up` provisions this: one resource group holding the ServerlessCqrs Functions app on Flex
// Consumption, its storage (state, outbox, read models), a Service Bus topic for events, Azure Managed
// Redis for the query cache, and Key Vault for the two secrets, all reached with one user-assigned identity.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('The azd environment\'s name; part of every resource name.')
param environmentName string

@minLength(1)
@description('The region of every resource (one where Flex Consumption and Azure Managed Redis are offered).')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('The deploying user or pipeline (azd fills it in); it gets the app\'s data roles. Empty for none.')
param principalId string = ''

@description('What principalId is.')
@allowed(['User', 'ServicePrincipal', 'Group'])
param principalType string = 'User'

@description('OpenObserve base URL (azd env set OPENOBSERVE_URL); empty: the app exports no telemetry.')
param openObserveUrl string = ''

@description('OpenObserve organization.')
param openObserveOrganization string = 'default'

@secure()
@description('OpenObserve token (Basic credentials, base64 of email:password); kept in Key Vault.')
param openObserveToken string = ''

@description('Entra ID: the API\'s app registration (client) id (azd env set AUTH_CLIENT_ID). Empty: no Entra ID; callers need only a function key.')
param authClientId string = ''

@description('Entra ID: the app registration\'s tenant (AUTH_TENANT_ID). Empty: the tenant azd deploys into.')
param authTenantId string = ''

@description('Entra ID: the audience the API\'s tokens carry (AUTH_AUDIENCE). Empty: api://<client id>.')
param authAudience string = ''

// The azd service in azure.yaml; the app carries it as its azd-service-name tag.
var serviceName = 'functions'
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
// Names known before deployment, so modules that look resources up by name stay predictable (what-if).
var names = {
  identity: 'id-${resourceToken}'
  storage: 'st${resourceToken}'
  serviceBus: 'sb-${resourceToken}'
  keyVault: 'kv-${resourceToken}'
  redis: 'redis-${resourceToken}'
  plan: 'plan-${resourceToken}'
  functionApp: 'func-${resourceToken}'
  deploymentContainer: 'deployment-package'
}

// The settings the app and Service Bus must agree on (the tests hold them to host.json and the app).
var events = {
  topicName: 'cqrs-events'
  subscriptionName: 'cqrs-handlers'
  // The Storage Queue transport (local runs; off here, but its trigger's binding must resolve).
  storageQueueName: 'cqrs-events'
  // = Cqrs:Events:MaxDeliveryAttempts: the app dead-letters on the last delivery, with a reason.
  maxDeliveryAttempts: 5
  // Renewed by the host up to host.json maxAutoLockRenewalDuration (5 minutes = functionTimeout).
  lockDuration: 'PT1M'
  // Longer than an outbox re-send takes to come (Cqrs:Outbox:PendingAge + SweepInterval).
  duplicateDetectionWindow: 'PT10M'
  messageTimeToLive: 'P14D'
}

// The tables the app uses: the kernel's state (with its outbox), outbox index, handler ledger and idempotency
// keys, the index of process timeouts, the Orders and Payments read models.
var tables = ['CqrsState', 'CqrsOutbox', 'CqrsHandlerLedger', 'CqrsIdempotency', 'ProcessTimeouts', 'OrderSummaries', 'Payments']

resource rg 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'core/identity/user-assigned-identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: names.identity
    location: location
    tags: tags
  }
}

module storage 'core/storage/storage-account.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: names.storage
    location: location
    tags: tags
    deploymentContainerName: names.deploymentContainer
    tables: tables
    queues: [events.storageQueueName, '${events.storageQueueName}-poison']
  }
}

module serviceBus 'core/messaging/service-bus.bicep' = {
  name: 'service-bus'
  scope: rg
  params: {
    name: names.serviceBus
    location: location
    tags: tags
    topicName: events.topicName
    subscriptionName: events.subscriptionName
    maxDeliveryCount: events.maxDeliveryAttempts
    lockDuration: events.lockDuration
    duplicateDetectionWindow: events.duplicateDetectionWindow
    messageTimeToLive: events.messageTimeToLive
  }
}

module keyVault 'core/security/key-vault.bicep' = {
  name: 'key-vault'
  scope: rg
  params: {
    name: names.keyVault
    location: location
    tags: tags
    openObserveToken: openObserveToken
  }
}

module redis 'core/cache/managed-redis.bicep' = {
  name: 'redis'
  scope: rg
  dependsOn: [keyVault]
  params: {
    name: names.redis
    location: location
    tags: tags
    keyVaultName: names.keyVault
    connectionStringSecretName: 'redis-connection-string'
  }
}

module access 'app/access.bicep' = {
  name: 'access'
  scope: rg
  dependsOn: [storage, serviceBus, keyVault]
  params: {
    appPrincipalId: identity.outputs.principalId
    userPrincipalId: principalId
    userPrincipalType: principalType
    storageAccountName: names.storage
    serviceBusNamespaceName: names.serviceBus
    topicName: events.topicName
    keyVaultName: names.keyVault
  }
}

module functions 'app/functions-app.bicep' = {
  name: 'functions'
  scope: rg
  // The app's first start reads its Key Vault references and storage with these roles.
  dependsOn: [access]
  params: {
    name: names.functionApp
    planName: names.plan
    location: location
    tags: tags
    serviceName: serviceName
    environmentName: environmentName
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    storageBlobEndpoint: storage.outputs.blobEndpoint
    storageTableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerName: names.deploymentContainer
    serviceBusNamespace: serviceBus.outputs.fullyQualifiedNamespace
    topicName: serviceBus.outputs.topicName
    subscriptionName: serviceBus.outputs.subscriptionName
    storageQueueName: events.storageQueueName
    maxDeliveryAttempts: events.maxDeliveryAttempts
    redisConnectionStringSecretUri: redis.outputs.connectionStringSecretUri
    openObserveUrl: openObserveUrl
    openObserveOrganization: openObserveOrganization
    openObserveTokenSecretUri: keyVault.outputs.openObserveTokenSecretUri
    authClientId: authClientId
    authTenantId: empty(authTenantId) ? tenant().tenantId : authTenantId
    authAudience: empty(authAudience) ? 'api://${authClientId}' : authAudience
  }
}

// azd keeps these in the environment (`azd env get-values`); hooks and the README's commands read them.
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functions.outputs.name
output AZURE_FUNCTION_APP_URL string = functions.outputs.url
output AZURE_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_STORAGE_TABLE_ENDPOINT string = storage.outputs.tableEndpoint
output SERVICEBUS_NAMESPACE string = serviceBus.outputs.fullyQualifiedNamespace
output SERVICEBUS_TOPIC_NAME string = serviceBus.outputs.topicName
output SERVICEBUS_SUBSCRIPTION_NAME string = serviceBus.outputs.subscriptionName
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_URI string = keyVault.outputs.uri
output REDIS_HOST_NAME string = redis.outputs.hostName
output OPENOBSERVE_ORGANIZATION string = openObserveOrganization
