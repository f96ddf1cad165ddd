import type { PostureChange, PostureFigures } from './posture-figures';
import { phoneOnlyLine, smsVoiceCountdown } from './sms-voice-retirement';

/** How urgent a line reads: the card picks its colour from this, never from the words. */
export type ReadinessTone = 'good' | 'warning' | 'attention' | 'neutral';

export interface ReadinessLine {
  text: string;
  tone: ReadinessTone;
}

/**
 * The posture card's lines about what comes next: who SMS and voice's end will catch, and how far the tenant is
 * from phishing-resistant MFA for everyone and for admins first (CISA's SCuBA baseline asks for both). Absent
 * figures (a scan from before MFA Coach counted them) give no line rather than a false zero.
 */
export function readinessLines(now: Date, figures: PostureFigures, change?: PostureChange): ReadinessLine[] {
  const lines: ReadinessLine[] = [];
  if (figures.phoneOnly !== undefined) lines.push(phoneOnlyReadiness(now, figures.phoneOnly, figures.counted, change?.phoneOnly));
  const resistant = phishingResistantReadiness(figures, change?.phishingResistantPoints);
  if (resistant) lines.push(resistant);
  return lines;
}

function phoneOnlyReadiness(now: Date, phoneOnly: number, counted: number, changed?: number): ReadinessLine {
  const since =
    changed === undefined || changed === 0
      ? ''
      : ` (${Math.abs(changed).toLocaleString('en-US')} ${changed < 0 ? 'fewer' : 'more'} since the last scan)`;
  const { phase, headline } = smsVoiceCountdown(now);
  const tone: ReadinessTone = phoneOnly === 0 ? 'good' : phase === 'before' ? 'warning' : 'attention';
  if (phoneOnly === 0) {
    const nobody = phase === 'after' ? '. Nobody had only SMS or voice at the last scan' : ': nobody relies on them alone';
    return { text: `${headline}${nobody}${since}`, tone };
  }
  return { text: `${phoneOnlyLine(now, phoneOnly, counted)}${since}`, tone };
}

function phishingResistantReadiness(figures: PostureFigures, points?: number): ReadinessLine | undefined {
  const { phishingResistant, phishingResistantPercent, admins, adminsPhishingResistant } = figures;
  if (phishingResistant === undefined || phishingResistantPercent === undefined) return undefined;
  const change = points === undefined || points === 0 ? '' : `, ${points > 0 ? '+' : '−'}${Math.abs(points).toFixed(1)} pts`;
  const everyone = `Phishing-resistant MFA: ${people(phishingResistant)} (${percent(phishingResistantPercent)}${change})`;
  if (admins === undefined || adminsPhishingResistant === undefined || admins === 0) {
    return { text: everyone, tone: 'neutral' };
  }
  const allAdmins = adminsPhishingResistant === admins;
  const adminsText = allAdmins
    ? `every admin has it (${count(admins)})`
    : `${count(adminsPhishingResistant)} of ${count(admins)} ${admins === 1 ? 'admin' : 'admins'}, who should have it first`;
  return { text: `${everyone}; ${adminsText}`, tone: allAdmins ? 'neutral' : 'warning' };
}

function people(n: number): string {
  return `${count(n)} ${n === 1 ? 'person' : 'people'}`;
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

function percent(p: number): string {
  return `${Number.isInteger(p) ? p.toFixed(0) : p.toFixed(1)}%`;
}
