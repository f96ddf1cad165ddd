import { countText } from './figure-text';
import { renderCard, type AdaptiveCard } from './card-template';

export interface ExportReadyView {
  /** The card's heading: which export this is (default: the MFA status export). */
  title?: string;
  url: string;
  fileName: string;
  /** What the file holds, in one sentence. */
  summary: string;
  minutes: number;
}

/** What an export answers when the operator has not said where browsers reach the bot. */
export const EXPORTS_OFF = 'Exports are turned off: the operator has not set PUBLIC_BASE_URL, the address where browsers reach MFA Coach.';

/** The one-time download link of an export kept in the vault (the HTTP server answers /exports/<token>). */
export function exportLink(publicBaseUrl: string, token: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/exports/${token}`;
}

export function exportReadyCard(view: ExportReadyView): AdaptiveCard {
  return renderCard('export-ready', {
    title: view.title ?? 'Your MFA status export is ready',
    url: view.url,
    fileName: view.fileName,
    summary: view.summary,
    warning: `The link works once, for ${countText(view.minutes)} minutes. It holds personal data: open it yourself and don't forward it.`,
  });
}
