import type { SmtpSender } from './smtp-sender';

/**
 * The ways off SMTP AUTH with a password, as the knowledge base explains them (each names its article, which the
 * card links to by id so the answer engine can show it). Which comes first depends on what was seen sending.
 */
export interface SmtpMigrationPath {
  key: 'oauthApp' | 'graphSendMail' | 'connectorRelay' | 'highVolumeEmail';
  title: string;
  /** When it fits, in a sentence. */
  fits: string;
  articleId: string;
}

export const SMTP_MIGRATION_PATHS: Readonly<Record<SmtpMigrationPath['key'], SmtpMigrationPath>> = {
  oauthApp: {
    key: 'oauthApp',
    title: 'OAuth for SMTP AUTH',
    fits: 'An app or script you can change: register it in Entra and send with a token, SMTP.SendAsApp for an unattended app or SMTP.Send for a signed-in user.',
    articleId: 'smtp-send-vs-smtp-sendasapp',
  },
  graphSendMail: {
    key: 'graphSendMail',
    title: 'Microsoft Graph sendMail',
    fits: 'Code you can rewrite: send through Graph over HTTPS instead of SMTP, with Mail.Send limited to the mailboxes it needs.',
    articleId: 'graph-sendmail-vs-smtp',
  },
  connectorRelay: {
    key: 'connectorRelay',
    title: 'A connector relay',
    fits: 'A printer, scanner or appliance that cannot do OAuth: send through an inbound connector that trusts its fixed public address or certificate, no password at all.',
    articleId: 'smtp-relay-connector',
  },
  highVolumeEmail: {
    key: 'highVolumeEmail',
    title: 'High Volume Email',
    fits: 'A device or app that mails only people inside the organisation: High Volume Email still takes a password until September 2028, for internal recipients only.',
    articleId: 'high-volume-email',
  },
};

/** Words in a client name that mean code somebody can change, not a device's firmware. */
const CODE = /powershell|python|curl|java|node|\.net|php|ruby|perl|script|app|service/i;

/**
 * The paths in the order that fits this sender: code first when the log names an app or script, device paths first
 * when it names nothing (SMTP AUTH with a password carries no user agent: that is what printers and scanners look
 * like). All four are always given, as the log cannot be sure what sends.
 */
export function smtpMigrationPaths(sender: Pick<SmtpSender, 'clients'>): SmtpMigrationPath[] {
  const { oauthApp, graphSendMail, connectorRelay, highVolumeEmail } = SMTP_MIGRATION_PATHS;
  const looksLikeCode = sender.clients.some((client) => CODE.test(client));
  return looksLikeCode
    ? [oauthApp, graphSendMail, connectorRelay, highVolumeEmail]
    : [connectorRelay, highVolumeEmail, oauthApp, graphSendMail];
}
