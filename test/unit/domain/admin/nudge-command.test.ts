import { describeForAudit, parseAdminCommand } from '../../../../src/domain/admin/admin-command';

const parse = (text: string) => parseAdminCommand('nudge', text.split(' ').filter(Boolean));

describe('nudge <UPN> [force]', () => {
  it('reads a UPN, or an object id, with force anywhere and in any case', () => {
    expect(parse('adele.vance@contoso.com')).toEqual({
      ok: true,
      command: { name: 'nudge', who: 'adele.vance@contoso.com', force: false },
    });
    expect(parse('adele.vance@contoso.com FORCE')).toEqual({
      ok: true,
      command: { name: 'nudge', who: 'adele.vance@contoso.com', force: true },
    });
    expect(parse('force adele.vance@contoso.com')).toEqual({
      ok: true,
      command: { name: 'nudge', who: 'adele.vance@contoso.com', force: true },
    });
    expect(parse('196c8481-76bf-4b76-9d9a-cec1558af8c1')).toEqual({
      ok: true,
      command: { name: 'nudge', who: '196c8481-76bf-4b76-9d9a-cec1558af8c1', force: false },
    });
  });

  it.each([
    ['', 'Tell me who to remind'],
    ['force', 'Tell me who to remind'],
    ['Adele Vance', 'Remind one person at a time'],
    ['adele', 'is not a UPN'],
    ['<at>adele</at>@x.com', 'is not a UPN'],
  ])('refuses "%s" with usage help that says what was wrong', (typed, problem) => {
    const parsed = parse(typed);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.problem).toContain(problem);
      expect(parsed.usage.syntax).toBe('nudge <UPN> [force]');
    }
  });

  it('audits the shape of the command, not whom it named', () => {
    expect(describeForAudit({ name: 'nudge', who: 'adele.vance@contoso.com', force: false })).toBe('nudge <user>');
    expect(describeForAudit({ name: 'nudge', who: 'adele.vance@contoso.com', force: true })).toBe('nudge <user> force');
  });
});
