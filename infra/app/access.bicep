// Least-privilege role assignments, each scoped to the one resource it is for: data roles only, no
// Owner, no Data Owner where a Sender, Receiver or Contributor role serves. The deploying user gets
// the same data roles, so the app can run on a workstation against these resources.

@description('The app identity\'s principal id.')
param appPrincipalId string

@description('The deploying user\'s (or pipeline\'s) principal id; empty for none.')
param userPrincipalId string

@description('What the deploying principal is.')
@allowed(['User', 'ServicePrincipal', 'Group'])
param userPrincipalType string

param storageAccountName string
param serviceBusNamespaceName string
param topicName string
param keyVaultName string

var roles = {
  // The Functions host's storage (AzureWebJobsStorage: leases, keys) and the deployment package.
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  // Storage Queue transport and its poison queue, when Cqrs:Events:Transport is switched to StorageQueue.
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  // State, outbox, handler ledger and read models.
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  // The outbox relay and dead-letter replay send; the trigger and dead-letter listing receive.
  serviceBusDataSender: '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39'
  serviceBusDataReceiver: '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0'
  // Key Vault references (the Redis connection string, the OpenObserve token).
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
}

var principals = concat(
  [{ id: appPrincipalId, type: 'ServicePrincipal' }],
  empty(userPrincipalId) ? [] : [{ id: userPrincipalId, type: userPrincipalType }]
)

var storageAssignments = flatten(map(principals, principal => map(
  [roles.storageBlobDataOwner, roles.storageQueueDataContributor, roles.storageTableDataContributor],
  role => { principal: principal, role: role }
)))

var topicAssignments = flatten(map(principals, principal => map(
  [roles.serviceBusDataSender, roles.serviceBusDataReceiver],
  role => { principal: principal, role: role }
)))

resource storage 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: storageAccountName
}

resource namespace 'Microsoft.ServiceBus/namespaces@2024-01-01' existing = {
  name: serviceBusNamespaceName

  resource topic 'topics' existing = {
    name: topicName
  }
}

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' existing = {
  name: keyVaultName
}

resource storageAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for assignment in storageAssignments: {
    name: guid(storage.id, assignment.principal.id, assignment.role)
    scope: storage
    properties: {
      principalId: assignment.principal.id
      principalType: assignment.principal.type
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', assignment.role)
    }
  }
]

resource topicAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for assignment in topicAssignments: {
    name: guid(namespace::topic.id, assignment.principal.id, assignment.role)
    scope: namespace::topic
    properties: {
      principalId: assignment.principal.id
      principalType: assignment.principal.type
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', assignment.role)
    }
  }
]

resource secretsAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for principal in principals: {
    name: guid(vault.id, principal.id, roles.keyVaultSecretsUser)
    scope: vault
    properties: {
      principalId: principal.id
      principalType: principal.type
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
    }
  }
]
