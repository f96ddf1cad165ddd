import type { DemoTenant } from '../demo-tenant';

export interface TeamsCatalogApp {
  id: string;
  externalId: string;
  displayName: string;
  distributionMethod: 'organization' | 'store' | 'sideloaded';
  version: string;
  azureADAppId: string | null;
}

/** The tenant's Teams app catalog: MFA Coach, published by the organisation, and two store apps. */
export function teamsCatalog(tenant: DemoTenant): TeamsCatalogApp[] {
  return [
    {
      id: tenant.teamsAppId,
      externalId: tenant.teamsAppExternalId,
      displayName: 'MFA Coach',
      distributionMethod: 'organization',
      version: '1.0.0',
      azureADAppId: tenant.botAppId,
    },
    // Two store apps, so a client that forgets its installedApps filter gets more than its own app back.
    {
      id: '0d820ecd-def2-4297-adad-78056cde7c78',
      externalId: '0d820ecd-def2-4297-adad-78056cde7c78',
      displayName: 'OneNote',
      distributionMethod: 'store',
      version: '1.0.0',
      azureADAppId: null,
    },
    {
      id: '2a527703-1f6f-4559-a332-d8a7d288cd88',
      externalId: '2a527703-1f6f-4559-a332-d8a7d288cd88',
      displayName: 'SharePoint',
      distributionMethod: 'store',
      version: '1.0',
      azureADAppId: null,
    },
  ];
}
