// Azure Managed Redis: the query cache's second level and backplane. The app connects with an access
// key (Entra-ID auth needs a client package our build cannot use yet), kept in Key Vault, never output.

@description('The cache\'s name.')
param name string

@description('Where it lives.')
param location string

@description('Tags for the cache.')
param tags object

@description('The vault that keeps the connection string.')
param keyVaultName string

@description('The secret the StackExchange.Redis connection string is written to.')
param connectionStringSecretName string

resource cache 'Microsoft.Cache/redisEnterprise@2025-07-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: 'Balanced_B0'
  }
  properties: {
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
  }

  resource database 'databases' = {
    name: 'default'
    properties: {
      clientProtocol: 'Encrypted'
      port: 10000
      clusteringPolicy: 'EnterpriseCluster'
      evictionPolicy: 'AllKeysLRU'
      accessKeysAuthentication: 'Enabled'
    }
  }
}

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' existing = {
  name: keyVaultName
}

resource connectionString 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
  parent: vault
  name: connectionStringSecretName
  properties: {
    value: '${cache.properties.hostName}:${cache::database.properties.port},password=${cache::database.listKeys().primaryKey},ssl=True,abortConnect=False'
    contentType: 'text/plain'
  }
}

output hostName string = cache.properties.hostName
@description('The connection string secret\'s versionless URI, for a Key Vault reference.')
output connectionStringSecretUri string = connectionString.properties.secretUri
