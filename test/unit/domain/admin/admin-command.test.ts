import {
  ADMIN_COMMANDS,
  auditSubjectOf,
  describeForAudit,
  isAdminCommandName,
  parseAdminCommand,
} from '../../../../src/domain/admin/admin-command';

describe('parseAdminCommand', () => {
  it.each([
    [['posture'], { name: 'posture', scope: { kind: 'tenant' } }],
    [['posture', 'by', 'department'], { name: 'posture', scope: { kind: 'byDepartment' } }],
    [['posture', 'BY', 'Departments'], { name: 'posture', scope: { kind: 'byDepartment' } }],
    [['posture', 'Human', 'Resources'], { name: 'posture', scope: { kind: 'department', department: 'Human Resources' } }],
    [['unenrolled'], { name: 'unenrolled' }],
    [['weak', 'Sales'], { name: 'weak', department: 'Sales' }],
    [['phone-only'], { name: 'phone-only' }],
    [['phone-only', 'Human', 'Resources'], { name: 'phone-only', department: 'Human Resources' }],
    [['user', 'adele.vance@contoso.com'], { name: 'user', query: 'adele.vance@contoso.com' }],
    [['trend'], { name: 'trend', days: 30 }],
    [['trend', '90'], { name: 'trend', days: 90 }],
    [['scan'], { name: 'scan' }],
    [['export'], { name: 'export' }],
    [['audit'], { name: 'audit' }],
    [['audit', 'export'], { name: 'audit', export: true }],
    [['audit', 'EXPORT'], { name: 'audit', export: true }],
    [['audit', 'adele.vance@contoso.com'], { name: 'audit', filter: { kind: 'person', text: 'adele.vance@contoso.com' } }],
    [['audit', 'Adele', 'Vance'], { name: 'audit', filter: { kind: 'person', text: 'Adele Vance' } }],
    // A name that ends in "Day" is a person: only a number makes a day filter.
    [['audit', 'Doris', 'Day'], { name: 'audit', filter: { kind: 'person', text: 'Doris Day' } }],
    [['audit', '50'], { name: 'audit', filter: { kind: 'person', text: '50' } }],
    [['audit', 'campaign', '3'], { name: 'audit', filter: { kind: 'campaign', number: 3 } }],
    [['audit', 'Campaign', '#12'], { name: 'audit', filter: { kind: 'campaign', number: 12 } }],
    [['audit', '7', 'days'], { name: 'audit', filter: { kind: 'days', days: 7 } }],
    [['audit', 'last', '30', 'days'], { name: 'audit', filter: { kind: 'days', days: 30 } }],
    [['audit', 'Last', '1', 'day'], { name: 'audit', filter: { kind: 'days', days: 1 } }],
    [['audit', '365', 'days'], { name: 'audit', filter: { kind: 'days', days: 365 } }],
  ] as const)('reads %j', (words, expected) => {
    const [name, ...args] = words;
    expect(parseAdminCommand(name as never, args)).toEqual({ ok: true, command: expected });
  });

  it.each([
    [['user'], 'user', /name or a UPN/],
    [['trend', '0'], 'trend', /between 1 and 365/],
    [['trend', '400'], 'trend', /between 1 and 365/],
    [['trend', 'lots'], 'trend', /"lots"/],
    [['scan', 'now'], 'scan', /takes nothing/],
    [['export', 'csv'], 'export', /takes nothing/],
    [['audit', 'export', 'csv'], 'audit', /takes nothing after it/],
    [['audit', 'campaign'], 'audit', /which campaign/],
    [['audit', 'campaign', 'spring'], 'audit', /which campaign/],
    [['audit', 'campaign', '0'], 'audit', /which campaign/],
    [['audit', '0', 'days'], 'audit', /"0" is not a number of days between 1 and 365/],
    [['audit', 'last', '366', 'days'], 'audit', /"366" is not a number of days between 1 and 365/],
    [['audit', 'last', 'few', 'days'], 'audit', /"few" is not a number of days/],
    [['audit', '-3', 'days'], 'audit', /"-3" is not a number of days/],
    [['audit', '2.5', 'days'], 'audit', /"2.5" is not a number of days/],
    [['posture', 'by', 'manager'], 'posture', /by department/],
  ] as const)('answers %j with the usage of %s', (words, usageOf, problem) => {
    const [name, ...args] = words;
    const parsed = parseAdminCommand(name as never, args);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.usage.name).toBe(usageOf);
    expect(parsed.problem).toMatch(problem);
    expect(parsed.usage.examples.length).toBeGreaterThan(0);
  });

  it('knows its command names and nothing else', () => {
    expect(isAdminCommandName('posture')).toBe(true);
    expect(isAdminCommandName('toString')).toBe(false);
    expect(isAdminCommandName('help')).toBe(false);
  });

  it('audits the shape of a command, not the names typed into it', () => {
    const parsed = parseAdminCommand('user', ['adele.vance@contoso.com']);
    expect(parsed.ok && describeForAudit(parsed.command)).toBe('user <query>');
    const dept = parseAdminCommand('posture', ['Finance']);
    expect(dept.ok && describeForAudit(dept.command)).toBe('posture <department>');
    const phones = parseAdminCommand('phone-only', ['Finance']);
    expect(phones.ok && describeForAudit(phones.command)).toBe('phone-only <department>');
  });

  it.each([
    [['audit'], 'audit', undefined],
    [['audit', 'export'], 'audit export', undefined],
    // Whom the log was searched for is the entry's subject, never its action.
    [['audit', 'Adele', 'Vance'], 'audit <person>', 'Adele Vance'],
    [['audit', 'campaign', '3'], 'audit campaign 3', undefined],
    [['audit', 'last', '7', 'days'], 'audit 7 days', undefined],
  ] as const)('audits %j as %s, about %s', (words, action, subject) => {
    const [name, ...args] = words;
    const parsed = parseAdminCommand(name, args);
    if (!parsed.ok) throw new Error(parsed.problem);
    expect(describeForAudit(parsed.command)).toBe(action);
    expect(auditSubjectOf(parsed.command)).toBe(subject);
  });

  it('shows every form of audit in its usage', () => {
    const usage = ADMIN_COMMANDS.audit;
    for (const form of ['<person>', 'campaign <number>', 'last <days> days', 'export']) expect(usage.syntax).toContain(form);
    for (const example of usage.examples) {
      const [name, ...args] = example.split(' ');
      expect({ example, ok: parseAdminCommand(name as 'audit', args).ok }).toEqual({ example, ok: true });
    }
    expect(usage.examples).toEqual(expect.arrayContaining(['audit export', 'audit campaign 3', 'audit last 7 days']));
  });
});
