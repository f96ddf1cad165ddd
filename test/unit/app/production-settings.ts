import { ConfigError, loadProductionConfig } from '../../../src/app/config';

/** A complete production configuration, as an operator's environment would give it (no real secrets). */
export const BOT_ID = '11111111-2222-3333-4444-555555555555';
export const TENANT = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
export const complete = {
  BOT_ID,
  SECRET_BOT_PASSWORD: 's3cr3t-value',
  TENANT_ID: TENANT,
  SECRET_GRAPH_CLIENT_SECRET: 'graph-s3cr3t',
  DATABASE_URL: 'postgres://mfa@db:5432/mfacoach',
  ADMIN_GROUP_IDS: '99999999-0000-4000-8000-00000000ad01',
};

/** The problems a production configuration is refused with (it must be refused). */
export function problemsOf(env: Record<string, string>): string[] {
  try {
    loadProductionConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}
