// The storage account: the Functions host's own storage, the deployment package, the app's tables
// (state with its outbox, the handler ledger, read models) and the Storage Queue transport's queues.
// No shared keys: only Entra identities.

@description('The account\'s name (3-24 lower-case letters and digits).')
param name string

@description('Where it lives.')
param location string

@description('Tags for the account.')
param tags object

@description('The blob container `azd deploy` uploads the app package to.')
param deploymentContainerName string

@description('The tables the app uses, created here so they exist before the first request.')
param tables string[]

@description('The Storage Queue transport\'s queue and its poison queue, ready for when the app is switched to it.')
param queues string[]

resource account 'Microsoft.Storage/storageAccounts@2025-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }

  resource blobs 'blobServices' = {
    name: 'default'

    resource deployments 'containers' = {
      name: deploymentContainerName
      properties: {
        publicAccess: 'None'
      }
    }
  }

  resource queueService 'queueServices' = {
    name: 'default'

    resource appQueues 'queues' = [
      for queue in queues: {
        name: queue
      }
    ]
  }

  resource tableService 'tableServices' = {
    name: 'default'

    resource appTables 'tables' = [
      for table in tables: {
        name: table
      }
    ]
  }
}

output id string = account.id
output name string = account.name
output blobEndpoint string = account.properties.primaryEndpoints.blob
output tableEndpoint string = account.properties.primaryEndpoints.table
