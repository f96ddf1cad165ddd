import { countText } from './figure-text';
import { renderCard, type AdaptiveCard } from './card-template';

export interface ExportReadyView {
  url: string;
  fileName: string;
  /** What the file holds, in one sentence. */
  summary: string;
  minutes: number;
}

export function exportReadyCard(view: ExportReadyView): AdaptiveCard {
  return renderCard('export-ready', {
    url: view.url,
    fileName: view.fileName,
    summary: view.summary,
    warning: `The link works once, for ${countText(view.minutes)} minutes. It holds personal data: open it yourself and don't forward it.`,
  });
}
