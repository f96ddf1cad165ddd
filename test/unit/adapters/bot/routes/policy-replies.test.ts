import type { Activity } from 'botbuilder';
import { assessMfaRequirement } from '../../../../../src/domain/policy/mfa-assessment';
import { peopleLeftOut } from '../../../../../src/domain/policy/people-left-out';
import type { TenantPolicyReport } from '../../../../../src/domain/policy/policy-report';
import { allUsers, person, policy } from '../../../domain/policy/policy-fixtures';
import { allText } from '../cards/card-inspect';
import { PEOPLE } from '../fake-bot-dependencies';
import { cardOf, teams, testChat } from '../test-chat';

const { employee, admin } = PEOPLE;

const assessment = assessMfaRequirement([policy({ name: 'MFA for all', users: allUsers({ users: ['u-glass'] }) })], false);
const REPORT: TenantPolicyReport = {
  requirement: {
    read: true,
    assessment,
    people: peopleLeftOut(assessment, [person('u-ana'), person('u-ben'), person('u-cy'), person('u-glass')]),
    names: { user: (id) => (id === 'u-glass' ? 'Break *glass* [account](https://example.org)' : undefined) },
    notes: ['People counted: the 4 enabled members of the latest scan.'],
  },
  campaign: {
    read: false,
    failure: {
      reason: 'notPermitted',
      permission: 'Policy.Read.AuthenticationMethod',
      detail: 'MFA Coach lacks Policy.Read.AuthenticationMethod',
    },
  },
  peopleFrom: new Date('2026-03-01T03:00:00Z'),
};

/** The bot with policies that answer REPORT, counting the reads; one message in, the replies as a person reads them. */
async function repliesTo(
  text: string,
  options: { user?: (typeof PEOPLE)[keyof typeof PEOPLE]; conversationType?: 'personal' | 'channel' } = {},
) {
  const chat = testChat();
  let reads = 0;
  chat.deps.admin.policies = {
    read: async () => {
      reads++;
      return REPORT;
    },
  };
  const replies = await chat.send(teams.aMessage({ text, user: options.user ?? admin, conversationType: options.conversationType }));
  const shown = replies.filter((reply) => reply.type !== 'typing');
  const read = (reply: Partial<Activity>) => (reply.attachments ? allText(cardOf(reply)) : (reply.text ?? ''));
  return { replies, read: shown.map(read), audit: chat.audit, reads: () => reads };
}

describe('"policy" in Teams', () => {
  it('gives an admin the card in personal chat: who must use MFA, the campaign, how they fit; and audits it', async () => {
    const { read, audit, reads, replies } = await repliesTo('policy');
    expect(replies[0]?.type).toBe('typing');
    expect(read).toHaveLength(1);
    expect(read[0]).toContain('MFA required for 75% by Conditional Access; 1 person excluded');
    expect(read[0]).toContain('Registration campaign: not read. MFA Coach lacks Policy.Read.AuthenticationMethod.');
    expect(read[0]).toContain('MFA Coach reaches them in Teams');
    expect(read[0]).toContain('People are counted from the scan of 1 Mar 2026.');
    // A name from the directory cannot become a link or bold text.
    expect(read[0]).toContain('Break \\*glass\\* \\[account\\](https://example.org)');
    expect(reads()).toBe(1);
    expect(audit).toEqual([
      expect.objectContaining({ actorId: admin.aadObjectId, action: 'policy', where: 'personal', outcome: 'allowed' }),
    ]);
  });

  it('takes "/Policy" too, and gives its usage to an admin who typed more', async () => {
    expect((await repliesTo('/Policy')).read[0]).toContain('Who must use MFA');
    const usage = await repliesTo('policy enable');
    expect(usage.read).toEqual([expect.stringContaining('"policy" takes nothing after it\\.')]);
    expect(usage.reads()).toBe(0);
  });

  it('refuses everyone else with the refusal card, reads nothing, and audits the refusal', async () => {
    const { read, audit, reads } = await repliesTo('policy', { user: employee });
    expect(read).toEqual([expect.stringContaining('Sorry, only administrators can use that.')]);
    expect(reads()).toBe(0);
    expect(audit).toEqual([expect.objectContaining({ actorId: employee.aadObjectId, action: 'policy', outcome: 'refused' })]);
  });

  it("is on the admins' help card beside doctor, and not on everyone else's", async () => {
    const help = (await repliesTo('help')).read[0]!;
    expect(help).toContain("Who the tenant's Conditional Access or security defaults require to use MFA");
    expect(help.indexOf('policy')).toBeGreaterThan(help.indexOf('doctor'));
    expect((await repliesTo('help', { user: employee })).read[0]).not.toContain('Conditional Access');
  });

  it('keeps the card out of a channel: it names who is left out, so it goes to personal chat', async () => {
    const { read, audit } = await repliesTo('policy', { conversationType: 'channel' });
    expect(read).toEqual([expect.stringContaining('That answer names who is left out of MFA, so I only give it in a private chat')]);
    expect(read.join('\n')).not.toContain('Break');
    expect(audit).toEqual([expect.objectContaining({ action: 'policy', where: 'channel', outcome: 'allowed' })]);
  });
});
