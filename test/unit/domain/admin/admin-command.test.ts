import { describeForAudit, isAdminCommandName, parseAdminCommand } from '../../../../src/domain/admin/admin-command';

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
    [['audit', '50'], 'audit', /takes nothing/],
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
});
