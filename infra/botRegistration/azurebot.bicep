// The Azure Bot for MFA Coach, as in the Microsoft 365 Agents Toolkit's bot template: the bot's registration with
// the Bot Framework, its messaging endpoint and the Microsoft Teams channel. azure.bicep uses it; see readme.md.
// Single-tenant or user-assigned managed identity only: new multi-tenant bots can no longer be created.

@maxLength(20)
@minLength(4)
@description('Used to generate names for all resources in this file')
param resourceBaseName string

@maxLength(42)
param botDisplayName string

param botServiceName string = resourceBaseName
param botServiceSku string = 'F0'

@description('SingleTenant: the bot is an Entra app with a client secret. UserAssignedMSI: the bot is a user-assigned managed identity (the bot\'s BOT_TYPE=UserAssignedMsi).')
@allowed([
  'SingleTenant'
  'UserAssignedMSI'
])
param msaAppType string

@description('The bot\'s app id: the Entra app\'s client id (SingleTenant) or the managed identity\'s client id (UserAssignedMSI); BOT_ID')
param botAppId string

@description('The tenant of that app or identity: the one MFA Coach serves (TENANT_ID)')
param botTenantId string

@description('UserAssignedMSI: the managed identity\'s resource id')
param identityResourceId string = ''

@description('The Web App\'s host name, without https://')
param botAppDomain string

// Register your web service as a bot with the Bot Framework
resource botService 'Microsoft.BotService/botServices@2022-09-15' = {
  kind: 'azurebot'
  location: 'global'
  name: botServiceName
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${botAppDomain}/api/messages'
    msaAppId: botAppId
    msaAppTenantId: botTenantId
    msaAppType: msaAppType
    msaAppMSIResourceId: msaAppType == 'UserAssignedMSI' ? identityResourceId : null
  }
  sku: {
    name: botServiceSku
  }
}

// Connect the bot service to Microsoft Teams
resource botServiceMsTeamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: botService
  location: 'global'
  name: 'MsTeamsChannel'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}
