// A function app on the Flex Consumption plan (Linux, scales out to maximumInstanceCount), running as
// a user-assigned identity, deployed from a blob container that identity can read.

@description('The app\'s name.')
param name string

@description('The plan\'s name.')
param planName string

@description('Where it lives.')
param location string

@description('Tags for the plan and the app (the app\'s carry azd-service-name).')
param tags object

@description('The user-assigned identity the app runs as, reads its deployment package and its Key Vault references with.')
param identityId string

@description('The blob endpoint of the storage account holding the deployment container.')
param deploymentBlobEndpoint string

@description('The blob container azd deploys the package to.')
param deploymentContainerName string

@description('The .NET isolated worker version.')
param dotnetVersion string

@description('Memory of each instance, in MB.')
param instanceMemoryMB int

@description('The most instances the app scales out to.')
param maximumInstanceCount int

@description('The app settings (environment variables of the host and the worker).')
param appSettings object

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

@description('App Service Authentication with Entra ID: clientId, openIdIssuer and allowedAudiences. Empty: none.')
param authentication object = {}

resource app 'Microsoft.Web/sites@2024-11-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${deploymentBlobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'dotnet-isolated'
        version: dotnetVersion
      }
    }
  }

  resource settings 'config' = {
    name: 'appsettings'
    properties: appSettings
  }

  // Every request needs an Entra ID token; API callers without one get 401, never a login redirect. The
  // platform then hands the app the caller as X-MS-CLIENT-PRINCIPAL and sets WEBSITE_AUTH_ENABLED.
  resource auth 'config' = if (!empty(authentication)) {
    name: 'authsettingsV2'
    properties: {
      platform: {
        enabled: true
      }
      globalValidation: {
        requireAuthentication: true
        unauthenticatedClientAction: 'Return401'
        excludedPaths: ['/api/health']
      }
      identityProviders: {
        azureActiveDirectory: {
          enabled: true
          registration: {
            clientId: authentication.?clientId
            openIdIssuer: authentication.?openIdIssuer
          }
          validation: {
            allowedAudiences: authentication.?allowedAudiences
          }
        }
      }
      login: {
        tokenStore: {
          enabled: false
        }
      }
    }
  }

  // No publishing passwords: azd deploys with the signed-in identity.
  resource ftp 'basicPublishingCredentialsPolicies' = {
    name: 'ftp'
    properties: {
      allow: false
    }
  }

  resource scm 'basicPublishingCredentialsPolicies' = {
    name: 'scm'
    properties: {
      allow: false
    }
  }
}

output name string = app.name
output defaultHostName string = app.properties.defaultHostName
