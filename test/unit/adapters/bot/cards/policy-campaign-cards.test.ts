import { MICROSOFT_MANAGED_CAMPAIGN } from '../../../../fakes/registration-campaign';
import { campaignProblemCard, campaignReviewCard } from '../../../../../src/adapters/bot/cards/campaign-change-card';
import { policyCard } from '../../../../../src/adapters/bot/cards/policy-card';
import { VERBS } from '../../../../../src/adapters/bot/cards/verbs';
import type { TenantPolicyReport } from '../../../../../src/domain/policy/policy-report';
import type { RegistrationCampaign } from '../../../../../src/domain/policy/registration-campaign';
import { action, allText, executeActions, expectSoundCard, nodes, ofType } from './card-inspect';

const CAMPAIGN = MICROSOFT_MANAGED_CAMPAIGN;

const report = (campaign: RegistrationCampaign): TenantPolicyReport => ({
  requirement: { read: false, failure: { reason: 'failed', detail: 'Graph failed' } },
  campaign: { read: true, campaign, names: () => undefined },
});
const READ_AT = new Date('2026-03-02T09:00:00Z');

/** The Review button: an Action.Execute inside the card's body (the form's own ActionSet). */
const reviewButton = (card: unknown) =>
  nodes(card).find((n) => n.type === 'Action.Execute' && n.verb === VERBS.policyCampaignReview) as
    { title: string; data: { shown: Record<string, unknown> } } | undefined;

describe("the policy card's campaign form", () => {
  it("starts at the campaign's settings, flags the passkey target as Graph beta, and carries what it showed", () => {
    const card = policyCard(report(CAMPAIGN), READ_AT, { change: { kind: 'form', campaign: CAMPAIGN } });
    expectSoundCard(card);
    expect(
      nodes(card)
        .filter((n) => String(n.type).startsWith('Input.'))
        .map((n) => [n.id, n.value]),
    ).toEqual([
      ['state', 'microsoftManaged'],
      ['target', 'microsoftAuthenticator'],
      ['snoozeDays', 1],
    ]);
    const [, target] = ofType(card, 'Input.ChoiceSet') as { choices: { title: string; value: string }[] }[];
    expect(target!.choices).toContainEqual({ title: expect.stringContaining('documented on Graph beta'), value: 'passkey' });
    expect(ofType(card, 'Input.Number')[0]).toMatchObject({ min: 0, max: 14 });
    expect(reviewButton(card)).toMatchObject({
      title: 'Review change',
      data: { shown: { state: 'microsoftManaged', target: 'microsoftAuthenticator', snoozeDays: 1 } },
    });
    expect(allText(card)).toContain('Conditional Access and security defaults are read-only here');
  });

  it('leaves a setting Graph did not report empty, rather than showing a value the campaign does not have', () => {
    const unknown = { ...CAMPAIGN, state: 'unknown' as const, snoozeDays: null };
    const card = policyCard(report(unknown), READ_AT, { change: { kind: 'form', campaign: unknown } });
    expectSoundCard(card);
    const snooze = ofType(card, 'Input.Number');
    expect(snooze).toHaveLength(1);
    expect(snooze[0]!.value).toBeUndefined();
    expect(reviewButton(card)!.data.shown).toEqual({ state: '', target: 'microsoftAuthenticator', snoozeDays: '' });
  });

  it('is read-only with the reasons, no inputs, and the old footnote, when the viewer may not change it', () => {
    const card = policyCard(report(CAMPAIGN), READ_AT, { change: { kind: 'readOnly', lines: ['Read-only: MFA Coach lacks X.'] } });
    expectSoundCard(card);
    expect(nodes(card).filter((n) => String(n.type).startsWith('Input.'))).toEqual([]);
    expect(reviewButton(card)).toBeUndefined();
    expect(allText(card)).toContain('Read-only: MFA Coach lacks X.');
    expect(allText(card)).toContain('Read-only: change these settings in the Microsoft Entra admin center.');
  });

  it('says what a change did first, only when there is something to say', () => {
    const changed = policyCard(report(CAMPAIGN), READ_AT, { headline: 'Changed in Microsoft Entra: Snooze: 1 day → 3 days.' });
    expect(allText(changed)).toContain('Changed in Microsoft Entra: Snooze: 1 day → 3 days.');
    expect(allText(policyCard(report(CAMPAIGN), READ_AT))).not.toContain('Changed');
  });
});

describe('the confirmation and problem cards', () => {
  it('asks to confirm: from → to, warnings, Apply carrying the change, Cancel back to the policy card', () => {
    const card = campaignReviewCard({
      change: { state: 'enabled', target: 'passkey' },
      lines: ['State: disabled → enabled', 'Method people are asked to set up: Microsoft Authenticator → a passkey'],
      warnings: ['Passkey campaigns are documented on Graph beta *only*.'],
    });
    expectSoundCard(card);
    expect(allText(card)).toContain('State: disabled → enabled');
    expect(allText(card)).toContain('Passkey campaigns are documented on Graph beta \\*only\\*.');
    expect(ofType(card, 'Container')[0]).toMatchObject({ style: 'warning' });
    expect(action(card, 'Apply')).toMatchObject({ verb: VERBS.policyCampaignApply, data: { state: 'enabled', target: 'passkey' } });
    expect(action(card, 'Cancel')).toMatchObject({ verb: VERBS.policyCampaignCancel, data: {} });
  });

  it('says why nothing changed, with no empty parts, and a way back', () => {
    const card = campaignProblemCard('The campaign was not changed', ['Nothing was changed. Try again in a few minutes.']);
    expectSoundCard(card);
    expect(ofType(card, 'TextBlock').map((t) => t.text)).toEqual([
      'The campaign was not changed',
      'Nothing was changed. Try again in a few minutes.',
    ]);
    expect(executeActions(card).map((a) => [a.title, a.verb])).toEqual([['Back to the policy card', VERBS.policyCampaignCancel]]);
  });
});
