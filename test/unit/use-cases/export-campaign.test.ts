import { exportCampaign } from '../../../src/use-cases/export-campaign';
import { campaignPlan } from '../../fakes/campaign-plan';
import { inMemoryCampaignStore } from '../../fakes/in-memory-campaign-store';
import { InMemoryDownloadVault } from '../../fakes/in-memory-download-vault';
import { deliveryFact } from './delivery-facts';

const at = (iso: string) => new Date(`${iso}Z`);
const NOW = at('2026-12-10T16:30');

async function setUp() {
  const { store, reports } = inMemoryCampaignStore();
  const vault = new InMemoryDownloadVault();
  const campaign = await store.create(campaignPlan({ name: 'Finance, before year end' }), { id: 'megan', name: 'Megan' }, NOW);
  const deps = { campaigns: store, vault, now: () => NOW };
  return { deps, store, reports, vault, campaign };
}

describe("exporting a campaign's deliveries", () => {
  it('writes one line per person and run with what followed, behind a one-time link for the person who asked', async () => {
    const { deps, store, reports, vault, campaign } = await setUp();
    const first = (await store.startRun(campaign.id, at('2026-12-01T10:00'), NOW)).run;
    const second = (await store.startRun(campaign.id, at('2026-12-08T10:00'), NOW)).run;
    reports.setFacts(campaign.id, [
      deliveryFact(first.id, 'ann-id', 'sent', {
        sentAt: at('2026-12-01T10:05'),
        opened: true,
        snoozed: true,
        enrolledAt: at('2026-12-02T08:00'),
        displayName: 'Vance, "Ann"',
        userPrincipalName: 'ann@contoso.example',
      }),
      deliveryFact(first.id, 'bob-id', 'failed', {
        reason: 'blocked',
        displayName: '=HYPERLINK("x")',
        userPrincipalName: 'bob@contoso.example',
      }),
      // Left the directory since: only their id is known.
      deliveryFact(second.id, 'gone-id', 'skipped', { reason: 'not in the directory' }),
    ]);

    const deposit = jest.spyOn(vault, 'deposit');
    const answer = await exportCampaign(deps, String(campaign.number), 'admin-1');
    if (answer.kind !== 'ready') throw new Error(`expected an export, got ${answer.kind}`);
    expect(deposit).toHaveBeenCalledWith(expect.objectContaining({ actorId: 'admin-1', expiresAt: answer.expiresAt }), NOW);
    expect(answer).toEqual({
      kind: 'ready',
      token: expect.any(String),
      rows: 3,
      expiresAt: at('2026-12-10T16:45'),
      fileName: `campaign-${campaign.number}-2026-12-10.csv`,
      campaignName: 'Finance, before year end',
      toOwnersOfPasswordSenders: false,
    });
    expect(await vault.collect(answer.token, NOW)).toEqual({
      fileName: answer.fileName,
      content: [
        'run,displayName,userPrincipalName,userId,delivery,reason,sentAt,opened,snoozed,enrolledAt',
        '2026-12-01T10:00:00.000Z,"Vance, ""Ann""",ann@contoso.example,ann-id,sent,,2026-12-01T10:05:00.000Z,true,true,2026-12-02T08:00:00.000Z',
        // A name that a spreadsheet would run as a formula is written as text.
        `2026-12-01T10:00:00.000Z,"'=HYPERLINK(""x"")",bob@contoso.example,bob-id,failed,blocked,,false,false,`,
        '2026-12-08T10:00:00.000Z,,,gone-id,skipped,not in the directory,,false,false,',
        '',
      ].join('\r\n'),
    });
    expect(await vault.collect(answer.token, NOW)).toBeUndefined();
  });

  it('writes the header alone for a campaign that reached no one yet', async () => {
    const { deps, vault, campaign } = await setUp();
    const answer = await exportCampaign(deps, campaign.id, 'admin-1');
    if (answer.kind !== 'ready') throw new Error(`expected an export, got ${answer.kind}`);
    expect(answer.rows).toBe(0);
    expect(await vault.collectText(answer.token, NOW)).toBe(
      'run,displayName,userPrincipalName,userId,delivery,reason,sentAt,opened,snoozed,enrolledAt\r\n',
    );
  });

  it('keeps nothing for a campaign nobody has', async () => {
    const { deps, vault } = await setUp();
    const deposit = jest.spyOn(vault, 'deposit');
    expect(await exportCampaign(deps, '999', 'admin-1')).toEqual({ kind: 'unknownCampaign' });
    expect(deposit).not.toHaveBeenCalled();
  });
});
