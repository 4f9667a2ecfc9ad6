// Key Vault for the secrets the app cannot avoid (Redis' access key, the OpenObserve token), read by
// the app's identity through Key Vault references. RBAC mode: no access policies.

@description('The vault\'s name (3-24 letters, digits and hyphens).')
param name string

@description('Where it lives.')
param location string

@description('Tags for the vault.')
param tags object

@secure()
@description('The OpenObserve token, kept as the secret `openobserve-token` when given.')
param openObserveToken string

var tokenSecretName = 'openobserve-token'

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
  }

  resource token 'secrets' = if (!empty(openObserveToken)) {
    name: tokenSecretName
    properties: {
      value: openObserveToken
      contentType: 'text/plain'
    }
  }
}

output name string = vault.name
output uri string = vault.properties.vaultUri
@description('The token secret\'s versionless URI (a reference follows rotations); the secret exists only when a token was given.')
output openObserveTokenSecretUri string = '${vault.properties.vaultUri}secrets/${tokenSecretName}'
