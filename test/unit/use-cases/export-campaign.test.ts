import { campaignCsv, exportCampaign } from '../../../src/use-cases/export-campaign';
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

const HEADER = 'run,displayName,userPrincipalName,userId,delivery,reason,sentAt,opened,snoozed,enrolledAt';

/** The file behind a link, written as the download writes it. */
async function written(deps: Parameters<typeof campaignCsv>[0], campaignId: string, pageSize?: number): Promise<string> {
  let file = '';
  for await (const chunk of campaignCsv(deps, campaignId, pageSize)) file += chunk;
  return file;
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
    expect(await vault.collect(answer.token, NOW)).toEqual({ fileName: answer.fileName, deliveriesOfCampaign: campaign.id });
    expect(await vault.collect(answer.token, NOW)).toBeUndefined();
    expect(await written(deps, campaign.id)).toBe(
      [
        HEADER,
        '2026-12-01T10:00:00.000Z,"Vance, ""Ann""",ann@contoso.example,ann-id,sent,,2026-12-01T10:05:00.000Z,true,true,2026-12-02T08:00:00.000Z',
        // A name that a spreadsheet would run as a formula is written as text.
        `2026-12-01T10:00:00.000Z,"'=HYPERLINK(""x"")",bob@contoso.example,bob-id,failed,blocked,,false,false,`,
        '2026-12-08T10:00:00.000Z,,,gone-id,skipped,not in the directory,,false,false,',
        '',
      ].join('\r\n'),
    );
  });

  it('writes the file a page at a time, never reading every delivery at once', async () => {
    const { deps, store, reports, campaign } = await setUp();
    const run = (await store.startRun(campaign.id, at('2026-12-01T10:00'), NOW)).run;
    reports.setFacts(
      campaign.id,
      ['ann', 'bob', 'cai', 'dee', 'eve'].map((name) =>
        deliveryFact(run.id, `${name}-id`, 'sent', { userPrincipalName: `${name}@contoso.example` }),
      ),
    );
    const whole = jest.spyOn(store, 'deliveryFacts');
    const file = await written(deps, campaign.id, 2);
    expect(file.split('\r\n').map((line) => line.split(',')[3])).toEqual([
      'userId',
      'ann-id',
      'bob-id',
      'cai-id',
      'dee-id',
      'eve-id',
      undefined,
    ]);
    expect(file).toBe(await written(deps, campaign.id));
    expect(reports.pagesRead.slice(0, 3)).toEqual([2, 2, 1]);
    expect(whole).not.toHaveBeenCalled();
  });

  it('writes each delivery as it stands when the file downloads, a run started since the link was made included', async () => {
    const { deps, store, reports, vault, campaign } = await setUp();
    const first = (await store.startRun(campaign.id, at('2026-12-01T10:00'), NOW)).run;
    reports.setFacts(campaign.id, [deliveryFact(first.id, 'ann-id', 'pending')]);
    const answer = await exportCampaign(deps, campaign.id, 'admin-1');
    if (answer.kind !== 'ready') throw new Error(`expected an export, got ${answer.kind}`);
    expect(answer.rows).toBe(1);

    const second = (await store.startRun(campaign.id, at('2026-12-08T10:00'), NOW)).run;
    reports.setFacts(campaign.id, [
      deliveryFact(first.id, 'ann-id', 'sent', { sentAt: at('2026-12-01T10:01') }),
      deliveryFact(second.id, 'ann-id', 'pending'),
    ]);
    const link = await vault.collect(answer.token, NOW);
    if (!link || !('deliveriesOfCampaign' in link)) throw new Error('expected a link to the deliveries of a campaign');
    expect((await written(deps, link.deliveriesOfCampaign, 1)).split('\r\n')).toEqual([
      HEADER,
      '2026-12-01T10:00:00.000Z,,,ann-id,sent,,2026-12-01T10:01:00.000Z,false,false,',
      '2026-12-08T10:00:00.000Z,,,ann-id,pending,,,false,false,',
      '',
    ]);
  });

  it('writes the header alone for a campaign that reached no one yet', async () => {
    const { deps, campaign } = await setUp();
    const answer = await exportCampaign(deps, campaign.id, 'admin-1');
    if (answer.kind !== 'ready') throw new Error(`expected an export, got ${answer.kind}`);
    expect(answer.rows).toBe(0);
    expect(await written(deps, campaign.id)).toBe(`${HEADER}\r\n`);
  });

  it('keeps nothing for a campaign nobody has', async () => {
    const { deps, vault } = await setUp();
    const deposit = jest.spyOn(vault, 'deposit');
    expect(await exportCampaign(deps, '999', 'admin-1')).toEqual({ kind: 'unknownCampaign' });
    expect(deposit).not.toHaveBeenCalled();
  });
});
