import { isFromTenant } from '../../../../src/adapters/bot/tenant-gate';

const TENANT = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
const OTHER = '99999999-bbbb-cccc-dddd-eeeeeeeeeeee';

describe('tenant gate', () => {
  it('lets in an activity whose tenant matches in both places, whatever the case', () => {
    expect(
      isFromTenant({ channelData: { tenant: { id: TENANT.toUpperCase() } }, conversation: { tenantId: TENANT } as never }, TENANT),
    ).toBe(true);
  });

  it('refuses another tenant', () => {
    expect(isFromTenant({ channelData: { tenant: { id: OTHER } } }, TENANT)).toBe(false);
  });

  it('refuses an activity that names two different tenants', () => {
    expect(isFromTenant({ channelData: { tenant: { id: TENANT } }, conversation: { tenantId: OTHER } as never }, TENANT)).toBe(false);
  });

  it('refuses an activity without a tenant', () => {
    expect(isFromTenant({ channelData: {} }, TENANT)).toBe(false);
  });
});
