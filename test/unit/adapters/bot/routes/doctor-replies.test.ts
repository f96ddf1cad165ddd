import type { Activity } from 'botbuilder';
import type { DoctorReport } from '../../../../../src/use-cases/run-doctor';
import { allText } from '../cards/card-inspect';
import { PEOPLE } from '../fake-bot-dependencies';
import { cardOf, teams, testChat } from '../test-chat';

const { employee, admin } = PEOPLE;

const REPORT: DoctorReport = {
  status: 'fail',
  startedAt: new Date('2026-03-02T09:00:00Z'),
  tookMs: 1200,
  counts: { ok: 1, warn: 0, fail: 1 },
  checks: [
    {
      name: 'Graph permissions',
      status: 'fail',
      summary: 'missing: AuditLog.Read.All',
      impact: 'AuditLog.Read.All: scans fail with 403',
      fix: 'grant the Microsoft Graph application permission AuditLog.Read.All',
      details: [{ label: 'AuditLog.Read.All', status: 'fail', text: 'missing' }],
      tookMs: 3,
    },
    { name: 'Database', status: 'ok', summary: 'the embedded database (PGlite) answered in 2 ms', tookMs: 2 },
  ],
};

/** The bot with a doctor that answers REPORT, counting its runs; one message in, the replies as a person reads them. */
async function repliesTo(
  text: string,
  options: { user?: (typeof PEOPLE)[keyof typeof PEOPLE]; conversationType?: 'personal' | 'channel' } = {},
) {
  const chat = testChat();
  let runs = 0;
  chat.deps.admin.doctor = {
    run: async () => {
      runs++;
      return REPORT;
    },
  };
  const replies = await chat.send(teams.aMessage({ text, user: options.user ?? admin, conversationType: options.conversationType }));
  const shown = replies.filter((reply) => reply.type !== 'typing');
  const read = (reply: Partial<Activity>) => (reply.attachments ? allText(cardOf(reply)) : (reply.text ?? ''));
  return { replies, read: shown.map(read), audit: chat.audit, runs: () => runs };
}

describe('"doctor" in Teams', () => {
  it("gives an admin the report in personal chat: the verdict, then each check's finding, and audits it", async () => {
    const { read, audit, runs, replies } = await repliesTo('doctor');
    expect(replies[0]?.type).toBe('typing');
    expect(read).toHaveLength(1);
    expect(read[0]).toContain('MFA Coach cannot fully work in this tenant: 1 check fails (Graph permissions).');
    expect(read[0]).toContain('missing: AuditLog.Read.All');
    expect(read[0]).toContain('To do: grant the Microsoft Graph application permission AuditLog.Read.All');
    expect(read[0]).toContain('the embedded database (PGlite) answered in 2 ms');
    expect(runs()).toBe(1);
    expect(audit).toEqual([
      expect.objectContaining({ actorId: admin.aadObjectId, action: 'doctor', where: 'personal', outcome: 'allowed' }),
    ]);
  });

  it('takes "/Doctor" too, and gives its usage to an admin who typed more', async () => {
    expect((await repliesTo('/Doctor')).read[0]).toContain('MFA Coach cannot fully work');
    const usage = await repliesTo('doctor please');
    expect(usage.read).toEqual([expect.stringContaining('"doctor" takes nothing after it\\.')]);
    expect(usage.runs()).toBe(0);
  });

  it('refuses everyone else with the refusal card, runs nothing, and audits the refusal', async () => {
    const { read, audit, runs } = await repliesTo('doctor', { user: employee });
    expect(read).toEqual([expect.stringContaining('Sorry, only administrators can use that.')]);
    expect(runs()).toBe(0);
    expect(audit).toEqual([expect.objectContaining({ actorId: employee.aadObjectId, action: 'doctor', outcome: 'refused' })]);
  });

  it("is on the admins' help card, and not on everyone else's", async () => {
    expect((await repliesTo('help')).read[0]).toContain('Whether MFA Coach can work in this tenant');
    expect((await repliesTo('help', { user: employee })).read[0]).not.toContain('doctor');
  });

  it('keeps the report out of a channel: it goes to personal chat (here there is none yet, so it says how to open one)', async () => {
    const { read, audit } = await repliesTo('doctor', { conversationType: 'channel' });
    expect(read).toEqual([
      expect.stringContaining("That answer shows what this tenant's set-up lacks, so I only give it in a private chat"),
    ]);
    expect(read.join('\n')).not.toContain('AuditLog.Read.All');
    expect(audit).toEqual([expect.objectContaining({ action: 'doctor', where: 'channel', outcome: 'allowed' })]);
  });
});
