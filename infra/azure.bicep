// MFA Coach on Azure: what `provision` creates (the arm/deploy step of m365agents.yml), laid out like the
// Microsoft 365 Agents Toolkit's own Node bot template (infra/azure.bicep + infra/botRegistration/azurebot.bicep),
// with what MFA Coach needs in production added:
//   - an App Service plan and a Web App on Linux, Node 22 LTS, HTTPS only, always on, health check on /readyz;
//   - the Azure Bot (botRegistration/azurebot.bicep): single-tenant, or the user-assigned managed identity below;
//   - Azure Database for PostgreSQL Flexible Server 16 with a database for the bot;
//   - a Key Vault (RBAC) holding every secret; the Web App's settings refer to them (Key Vault references) and
//     the Web App's system-assigned identity is a "Key Vault Secrets User";
//   - a user-assigned managed identity, for Graph where it can serve (see graphUseManagedIdentity);
//   - a Log Analytics workspace, Application Insights on it (with an availability test of /readyz), and the
//     App Service console logs (the bot's JSON lines on stdout) sent to the workspace.
// Every app setting given to the Web App is one the bot reads (src/app/*config*.ts); App Service's own behaviour is
// set through siteConfig, not app settings. The Toolkit writes every output below into env/.env.<environment>,
// which is committed to git: no output is a secret.
// This file was not compiled by the project's tests (no Bicep compiler installs offline): see README, "Deploy to Azure".

@maxLength(20)
@minLength(4)
@description('Used to generate names for all resources in this file')
param resourceBaseName string

@maxLength(42)
@description('The bot\'s name in Azure and in the Bot Framework')
param botDisplayName string

@description('How the bot signs in to Teams (BOT_TYPE, read by src/app/credential-config.ts): SingleTenant, as the Entra app that aadApp/create makes, with its client secret; or UserAssignedMsi, as the user-assigned managed identity below (see botRegistration/readme.md). New multi-tenant bots can no longer be created.')
@allowed([
  'SingleTenant'
  'UserAssignedMsi'
])
param botType string = 'SingleTenant'

@description('SingleTenant: the bot\'s Entra app (client) id, written by aadApp/create (BOT_ID). Unused for UserAssignedMsi.')
param botAadAppClientId string = ''

@secure()
@description('SingleTenant: that app\'s client secret (SECRET_BOT_PASSWORD), kept in Key Vault. Unused for UserAssignedMsi.')
param botAadAppClientSecret string = ''

@description('SingleTenant: the tenant of that app, the one MFA Coach serves (TENANT_ID). UserAssignedMsi: the identity\'s tenant.')
param botTenantId string = ''

// Microsoft Graph through the user-assigned managed identity (GRAPH_USE_MANAGED_IDENTITY and GRAPH_CLIENT_ID):
// no secret to rotate. An administrator must still grant the identity's service principal (its object id is the
// MANAGED_IDENTITY_PRINCIPAL_ID output) the Graph application permissions that m365agents.yml lists, with admin
// consent; for a managed identity that is done with Microsoft Graph PowerShell or the Graph API
// (New-MgServicePrincipalAppRoleAssignment), as the Entra admin center offers no consent button for it:
//   AuditLog.Read.All, User.Read.All, GroupMember.Read.All, RoleManagement.Read.Directory,
//   UserAuthenticationMethod.Read.All, TeamsAppInstallation.ReadWriteSelfForUser.All, Directory.Read.All,
//   MailboxSettings.Read, Policy.Read.All, Policy.Read.AuthenticationMethod and, only with POLICY_ADMIN_GROUP_IDS,
//   Policy.ReadWrite.AuthenticationMethod (README, "Entra app registration", says when each is needed).
// Where it cannot serve: TeamsAppInstallation.ReadWriteSelfForUser.All lets an app install only itself, the Teams
// app whose bot and webApplicationInfo name it (BOT_ID). With a SingleTenant bot that is the Entra app, so
// installing MFA Coach for people before a nudge (TEAMS_APP_CATALOG_ID) needs Graph as the bot's app: keep 'false'
// then. With a UserAssignedMsi bot, BOT_ID is this identity and Graph always goes through it.
@description('true: Microsoft Graph is called as the user-assigned managed identity; false: as the bot\'s Entra app with its secret. A UserAssignedMsi bot always uses the identity.')
@allowed([
  'true'
  'false'
])
param graphUseManagedIdentity string = 'false'

@description('Object ids of the Entra security groups whose members may use admin commands, comma-separated (ADMIN_GROUP_IDS)')
param adminGroupIds string

@description('Who people without admin rights are told to ask (ADMIN_CONTACT)')
param adminContact string = 'your IT security team'

@description('Other settings of README "Run in production", by name, e.g. {"CAMPAIGN_MANAGER_GROUP_IDS": "<group id>", "TEAMS_APP_CATALOG_ID": "<id>", "NUDGE_DEFAULT_TIME_ZONE": "Europe/Paris"}. Never a secret: secrets have their own secure parameters below. The settings this file sets win over these.')
param extraAppSettings object = {}

@description('The App Service plan\'s size: Basic (B1) or higher, as Always On needs')
param webAppSku string = 'B1'

@description('PostgreSQL Flexible Server compute size and its tier (Standard_B1ms is Burstable)')
param postgresSkuName string = 'Standard_B1ms'
param postgresSkuTier string = 'Burstable'

@description('PostgreSQL administrator login (not azure_superuser, admin, administrator, root, guest or public)')
param postgresAdminLogin string = 'mfacoachadmin'

@secure()
@minLength(12)
@maxLength(128)
@description('PostgreSQL administrator password (SECRET_POSTGRES_ADMIN_PASSWORD), kept in Key Vault; three of upper case, lower case, digits and symbols')
param postgresAdminPassword string

@secure()
@minLength(32)
@description('Bearer token a Prometheus scraper sends to GET /metrics (SECRET_METRICS_TOKEN), kept in Key Vault; at least 32 characters, e.g. `openssl rand -hex 32`')
param metricsToken string

@secure()
@description('Optional: turns on model answers with OpenAI (OPENAI_API_KEY), kept in Key Vault. Add it to azure.parameters.json to use it.')
param openAiApiKey string = ''

@secure()
@description('Optional: model answers with Azure OpenAI (AZURE_OPENAI_API_KEY), kept in Key Vault; AZURE_OPENAI_ENDPOINT and AZURE_OPENAI_DEPLOYMENT go in extraAppSettings.')
param azureOpenAiApiKey string = ''

param postgresDatabaseName string = 'mfacoach'
param serverfarmsName string = resourceBaseName
param webAppName string = resourceBaseName
param identityName string = resourceBaseName
param location string = resourceGroup().location

var useManagedIdentityBot = botType == 'UserAssignedMsi'
var graphViaIdentity = useManagedIdentityBot || graphUseManagedIdentity == 'true'
var botAppId = useManagedIdentityBot ? identity.properties.clientId : botAadAppClientId
var botAppTenantId = useManagedIdentityBot ? identity.properties.tenantId : botTenantId
// Key Vault and PostgreSQL names are global and take lower case letters, digits and hyphens.
var keyVaultName = 'kv-${uniqueString(resourceGroup().id, resourceBaseName)}'
var postgresServerName = toLower('${resourceBaseName}-pg')
// The built-in "Key Vault Secrets User" role: read secret values, nothing else.
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'

// The user-assigned managed identity: Graph's (graphUseManagedIdentity), and the bot's when botType is UserAssignedMsi.
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  location: location
  name: identityName
}

// Logs and monitoring
resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2022-10-01' = {
  name: '${resourceBaseName}-logs'
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${resourceBaseName}-insights'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
  }
}

// Application Insights asks /readyz every 5 minutes from three regions: 200 when the database and the job engine
// answer (src/app/server.ts). The bot itself sends nothing to Application Insights: its logs go through the
// diagnostic settings below.
resource readinessTest 'Microsoft.Insights/webtests@2022-06-15' = {
  name: '${resourceBaseName}-readyz'
  location: location
  kind: 'standard'
  tags: {
    'hidden-link:${appInsights.id}': 'Resource'
  }
  properties: {
    SyntheticMonitorId: '${resourceBaseName}-readyz'
    Name: '${botDisplayName} /readyz'
    Enabled: true
    Frequency: 300
    Timeout: 30
    Kind: 'standard'
    RetryEnabled: true
    Locations: [
      {
        Id: 'us-va-ash-azr'
      }
      {
        Id: 'emea-nl-ams-azr'
      }
      {
        Id: 'apac-sg-sin-azr'
      }
    ]
    Request: {
      RequestUrl: 'https://${webApp.properties.defaultHostName}/readyz'
      HttpVerb: 'GET'
    }
    ValidationRules: {
      ExpectedHttpStatusCode: 200
      SSLCheck: true
    }
  }
}

// Key Vault: every secret the bot uses. RBAC only (no access policies); soft delete is on, as Azure requires, so
// after deleting the resource group purge the deleted vault (or change RESOURCE_SUFFIX) before provisioning again.
resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    publicNetworkAccess: 'Enabled'
  }
}

resource botPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!useManagedIdentityBot) {
  parent: keyVault
  name: 'bot-password'
  properties: {
    value: botAadAppClientSecret
  }
}

resource postgresAdminPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'postgres-admin-password'
  properties: {
    value: postgresAdminPassword
  }
}

// What the bot connects with (DATABASE_URL): TLS required. The password is URL-encoded, as the URL carries it.
resource databaseUrlSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'database-url'
  properties: {
    value: 'postgres://${postgresAdminLogin}:${uriComponent(postgresAdminPassword)}@${postgres.properties.fullyQualifiedDomainName}:5432/${postgresDatabaseName}?sslmode=require'
  }
}

resource metricsTokenSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'metrics-token'
  properties: {
    value: metricsToken
  }
}

resource openAiApiKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(openAiApiKey)) {
  parent: keyVault
  name: 'openai-api-key'
  properties: {
    value: openAiApiKey
  }
}

resource azureOpenAiApiKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(azureOpenAiApiKey)) {
  parent: keyVault
  name: 'azure-openai-api-key'
  properties: {
    value: azureOpenAiApiKey
  }
}

// Who read which secret, in the workspace.
resource keyVaultDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: keyVault
  properties: {
    workspaceId: logAnalytics.id
    logs: [
      {
        category: 'AuditEvent'
        enabled: true
      }
    ]
  }
}

// PostgreSQL 16 for the bot's data and its job queue (pg-boss). Public access, open to Azure's own addresses only
// (the Web App's outbound addresses are among them; so are other Azure customers', which the password and TLS keep
// out): for a private network, put the Web App on a virtual network and the server in a delegated subnet instead.
// Standard_B1ms allows about 35 connections for the app; the bot opens up to 20 per instance.
resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: postgresServerName
  location: location
  sku: {
    name: postgresSkuName
    tier: postgresSkuTier
  }
  properties: {
    version: '16'
    administratorLogin: postgresAdminLogin
    administratorLoginPassword: postgresAdminPassword
    authConfig: {
      passwordAuth: 'Enabled'
      activeDirectoryAuth: 'Disabled'
    }
    storage: {
      storageSizeGB: 32
      autoGrow: 'Enabled'
    }
    backup: {
      backupRetentionDays: 7
      geoRedundantBackup: 'Disabled'
    }
    highAvailability: {
      mode: 'Disabled'
    }
    network: {
      publicNetworkAccess: 'Enabled'
    }
  }
}

resource postgresDatabase 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: postgres
  name: postgresDatabaseName
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
}

resource postgresAllowAzure 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01' = {
  parent: postgres
  name: 'AllowAllAzureServicesAndResourcesWithinAzureIps'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
}

// Compute resources for your Web App: Linux
resource serverfarm 'Microsoft.Web/serverfarms@2023-12-01' = {
  kind: 'linux'
  location: location
  name: serverfarmsName
  sku: {
    name: webAppSku
  }
  properties: {
    reserved: true
  }
}

// Web App that hosts your bot. `deploy` uploads the built project (see .webappignore); App Service starts it with
// the command below and gives it PORT, which the bot listens on.
resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  kind: 'app,linux'
  location: location
  name: webAppName
  identity: {
    // System-assigned: reads the Key Vault references. User-assigned: Graph's and a UserAssignedMsi bot's.
    type: 'SystemAssigned, UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: serverfarm.id
    httpsOnly: true
    clientAffinityEnabled: false
    siteConfig: {
      linuxFxVersion: 'NODE|22-lts'
      // npm start's command: node with a heap that grows by half, not fourfold, between collections (see the Dockerfile).
      appCommandLine: 'node --heap-growing-percent=50 dist/src/index.js'
      alwaysOn: true
      healthCheckPath: '/readyz'
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
  }
}

resource keyVaultSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(keyVault.id, webApp.id, keyVaultSecretsUserRoleId)
  scope: keyVault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: webApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// The bot's settings, each a name the bot reads (src/app/config.ts, credential-config.ts, answer-model-config.ts,
// smtp-config.ts, metrics-config.ts). Every secret is a Key Vault reference, never a value. These objects are the
// app settings; App Service replaces the whole set at each provision, so add settings through extraAppSettings,
// not in the portal.
var botSettings = {
  BOT_ID: botAppId
  BOT_TYPE: botType
  TENANT_ID: botAppTenantId
  PUBLIC_BASE_URL: 'https://${webApp.properties.defaultHostName}'
  ADMIN_GROUP_IDS: adminGroupIds
  ADMIN_CONTACT: adminContact
  DATABASE_URL: '@Microsoft.KeyVault(SecretUri=${databaseUrlSecret.properties.secretUri})'
  METRICS_TOKEN: '@Microsoft.KeyVault(SecretUri=${metricsTokenSecret.properties.secretUri})'
}

var botSecretSettings = useManagedIdentityBot ? {} : {
  SECRET_BOT_PASSWORD: '@Microsoft.KeyVault(SecretUri=${botPasswordSecret.properties.secretUri})'
}

var graphSettings = !graphViaIdentity ? {} : {
  GRAPH_USE_MANAGED_IDENTITY: 'true'
  GRAPH_CLIENT_ID: identity.properties.clientId
}

var openAiSettings = empty(openAiApiKey) ? {} : {
  OPENAI_API_KEY: '@Microsoft.KeyVault(SecretUri=${openAiApiKeySecret.properties.secretUri})'
}

var azureOpenAiSettings = empty(azureOpenAiApiKey) ? {} : {
  AZURE_OPENAI_API_KEY: '@Microsoft.KeyVault(SecretUri=${azureOpenAiApiKeySecret.properties.secretUri})'
}

// Applied once the Web App's identity may read the secrets, so that its first start resolves every reference.
resource webAppSettings 'Microsoft.Web/sites/config@2023-12-01' = {
  parent: webApp
  name: 'appsettings'
  dependsOn: [
    keyVaultSecretsUser
    postgresDatabase
    postgresAllowAzure
  ]
  properties: union(extraAppSettings, botSettings, botSecretSettings, graphSettings, openAiSettings, azureOpenAiSettings)
}

// The Web App's logs in the workspace: the bot's JSON lines (console), the HTTP requests and the platform's events.
resource webAppDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: webApp
  properties: {
    workspaceId: logAnalytics.id
    logs: [
      {
        category: 'AppServiceConsoleLogs'
        enabled: true
      }
      {
        category: 'AppServiceHTTPLogs'
        enabled: true
      }
      {
        category: 'AppServicePlatformLogs'
        enabled: true
      }
    ]
  }
}

// Register your web service as a bot with the Bot Framework
module azureBotRegistration './botRegistration/azurebot.bicep' = {
  name: 'Azure-Bot-registration'
  params: {
    resourceBaseName: resourceBaseName
    botDisplayName: botDisplayName
    msaAppType: useManagedIdentityBot ? 'UserAssignedMSI' : 'SingleTenant'
    botAppId: botAppId
    botTenantId: botAppTenantId
    identityResourceId: identity.id
    botAppDomain: webApp.properties.defaultHostName
  }
}

// The output will be persisted in .env.{envName}. Visit https://aka.ms/teamsfx-actions/arm-deploy for more details.
output AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id // used in deploy stage
output BOT_DOMAIN string = webApp.properties.defaultHostName
output BOT_ID string = botAppId
output TENANT_ID string = botAppTenantId
output AZURE_KEY_VAULT_NAME string = keyVault.name
output MANAGED_IDENTITY_CLIENT_ID string = identity.properties.clientId
output MANAGED_IDENTITY_PRINCIPAL_ID string = identity.properties.principalId
