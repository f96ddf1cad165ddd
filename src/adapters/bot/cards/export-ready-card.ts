import { countText, peopleText } from './figure-text';
import { renderCard, type AdaptiveCard } from './card-template';
import { utcDateText } from './freshness-line';

export interface ExportReadyView {
  url: string;
  fileName: string;
  people: number;
  takenAt: Date;
  minutes: number;
}

export function exportReadyCard(view: ExportReadyView): AdaptiveCard {
  return renderCard('export-ready', {
    url: view.url,
    fileName: view.fileName,
    summary: `${peopleText(view.people)}, from the scan of ${utcDateText(view.takenAt)}, guests and disabled accounts included.`,
    warning: `The link works once, for ${countText(view.minutes)} minutes. It holds personal data: open it yourself and don't forward it.`,
  });
}
