import { describeCampaignCommand, needsCampaignManager, parseCampaignCommand } from '../../../../src/domain/campaigns/campaign-command';

const parse = (text: string) => {
  const [word, ...args] = text.split(/\s+/);
  return parseCampaignCommand(word!, args);
};

describe('campaign commands', () => {
  it.each([
    ['campaigns', { name: 'list' }],
    ['campaign new', { name: 'new' }],
    ['campaign 3', { name: 'status', ref: '3' }],
    ['campaign #3', { name: 'status', ref: '#3' }],
    ['campaign PAUSE 3', { name: 'pause', ref: '3' }],
    ['campaign resume 12', { name: 'resume', ref: '12' }],
    ['campaign cancel 0f8fad5b-d9cb-469f-a165-70867728950e', { name: 'cancel', ref: '0f8fad5b-d9cb-469f-a165-70867728950e' }],
    ['campaign copy 3', { name: 'copy', ref: '3' }],
    ['campaign export 3', { name: 'export', ref: '3' }],
  ])('reads "%s"', (text, command) => {
    expect(parse(text)).toEqual({ ok: true, command });
  });

  it.each([
    ['campaign', 'Say which campaign'],
    ['campaigns 3', 'takes nothing after it'],
    ['campaign new now', 'the form asks for the rest'],
    ['campaign 3 pause', 'Put the action first'],
    ['campaign pause', 'Say which campaign to pause'],
    ['campaign pause three', '"three" is not a campaign number'],
    ['campaign delete 3', 'neither a campaign number nor something I can do'],
    ['campaign pause 3 4', 'Say which campaign to pause'],
  ])('answers "%s" with usage help saying what is wrong', (text, problem) => {
    const parsed = parse(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.problem).toContain(problem);
      expect(parsed.usage.examples.length).toBeGreaterThan(0);
    }
  });

  it('needs the campaign-manager role to create or change, not to look', () => {
    const needs = (text: string) => {
      const parsed = parse(text);
      return parsed.ok && needsCampaignManager(parsed.command);
    };
    expect(['campaign new', 'campaign pause 1', 'campaign resume 1', 'campaign cancel 1', 'campaign copy 1'].map(needs)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(['campaigns', 'campaign 1', 'campaign export 1'].map(needs)).toEqual([false, false, false]);
  });

  it('audits the campaign by number, or as typed when it was not found', () => {
    expect(describeCampaignCommand({ name: 'pause', ref: '0f8fad5b-d9cb-469f-a165-70867728950e' }, 4)).toBe('campaign pause 4');
    expect(describeCampaignCommand({ name: 'status', ref: '#9' })).toBe('campaign 9');
    expect(describeCampaignCommand({ name: 'list' })).toBe('campaigns');
  });
});
