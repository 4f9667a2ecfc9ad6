// The identity the function app runs as: every data-plane call (storage, Service Bus, Key Vault) is
// authorised by its role assignments, never by a key.

@description('The identity\'s name.')
param name string

@description('Where it lives.')
param location string

@description('Tags for the identity.')
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output name string = identity.name
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
