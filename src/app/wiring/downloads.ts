import type { DownloadSource } from '../export-routes';
import { campaignCsv } from '../../use-cases/export-campaign';
import { postureCsv } from '../../use-cases/export-posture';
import type { CampaignSlice } from './campaigns';
import { passwordSendersById } from '../../use-cases/read-smtp-readiness';
import type { Platform } from './platform';
import type { PostureSlice } from './posture';
import { smtpReadinessDeps } from './smtp-readiness';

/**
 * What the export links hand over: a file the vault keeps (the audit log), or what is written from the database as it
 * downloads: the MFA status of the scan the link was made for, or a campaign's deliveries.
 */
export function downloadSource({ config, now }: Platform, posture: PostureSlice, campaigns: Pick<CampaignSlice, 'store'>): DownloadSource {
  const smtp = smtpReadinessDeps(config, posture, now);
  return {
    peek: (token) => posture.vault.peek(token, now()),
    collect: async (token) => {
      const file = await posture.vault.collect(token, now());
      if (!file) return undefined;
      if ('content' in file) return { fileName: file.fileName, body: kept(file.content) };
      if ('deliveriesOfCampaign' in file)
        return { fileName: file.fileName, body: campaignCsv({ campaigns: campaigns.store }, file.deliveriesOfCampaign) };
      const deps = { store: posture.store, smtpPasswordSenders: () => passwordSendersById(smtp) };
      return { fileName: file.fileName, body: postureCsv(deps, file.statusOfScan) };
    },
  };
}

async function* kept(content: string): AsyncGenerator<string> {
  yield content;
}
