import type { PostureStore } from '../../domain/ports/posture-store';
import type { SmtpSenderStore } from '../../domain/ports/smtp-sender-store';
import type { SmtpReadinessDeps } from '../../use-cases/read-smtp-readiness';
import type { AppConfig } from '../config';

/**
 * What `smtp` needs beside the senders: the directory as the latest scan saw it (a sending account's given name and
 * manager decide its owner) and the owners named in SMTP_MAILBOX_OWNERS.
 */
export function smtpReadinessDeps(
  config: AppConfig,
  stores: { store: PostureStore; smtpSenders: SmtpSenderStore },
  now: () => Date,
): SmtpReadinessDeps {
  const { store } = stores;
  return {
    store: stores.smtpSenders,
    account: async (id) => {
      const user = await store.findUser(id);
      if (!user) return undefined;
      return {
        id: user.id,
        displayName: user.displayName,
        userPrincipalName: user.userPrincipalName,
        ...(user.givenName ? { givenName: user.givenName } : {}),
        ...(user.managerId ? { managerId: user.managerId } : {}),
      };
    },
    person: async (idOrUpn) => {
      if (!idOrUpn.includes('@')) return store.findUser(idOrUpn);
      const [match] = await store.findUsers(idOrUpn, 1);
      return match && match.userPrincipalName.toLowerCase() === idOrUpn.toLowerCase() ? match : undefined;
    },
    configuredOwners: config.posture.smtpMailboxOwners,
    now,
  };
}
