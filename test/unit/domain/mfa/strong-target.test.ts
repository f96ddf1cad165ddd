import { parseTargetCommand } from '../../../../src/domain/admin/target-command';
import { targetLine, targetProblem, targetProgress } from '../../../../src/domain/mfa/strong-target';

// Monday 7 December 2026 at noon; 31 March 2027 ends 114.5 days (16.4 weeks) later.
const NOW = new Date('2026-12-07T12:00:00Z');
const TARGET = { percent: 95, by: '2027-03-31' };

describe('a target for strong MFA', () => {
  it('says the points to go, the weeks left and the pace a week it needs', () => {
    const progress = targetProgress(TARGET, 82.6, NOW);
    expect(progress.kind).toBe('toGo');
    if (progress.kind !== 'toGo') return;
    expect(progress.points).toBeCloseTo(12.4, 5);
    expect(progress.weeks).toBeCloseTo(114.5 / 7, 5);
    expect(progress.pointsPerWeek).toBeCloseTo(12.4 / progress.weeks, 5);
    expect(targetLine(TARGET, 82.6, NOW)).toEqual({
      text: 'Target 95% strong by 31 Mar 2027: 12.4 points to go in 16 weeks, about 0.8 a week',
      tone: 'warning',
    });
  });

  it('reads as met once reached, as missed once its day has passed, and in days in its last week', () => {
    expect(targetLine(TARGET, 95, NOW)).toEqual({ text: 'Target 95% strong by 31 Mar 2027: met (95% now)', tone: 'good' });
    expect(targetLine(TARGET, 90, new Date('2027-04-01T00:00:00Z')).text).toBe(
      'Target 95% strong by 31 Mar 2027: missed, 90% at the last scan. Say "target" with a new date',
    );
    // The target's day counts to its end (UTC): on its last morning there is still time.
    expect(targetLine(TARGET, 94, new Date('2027-03-31T09:00:00Z'))).toEqual({
      text: 'Target 95% strong by 31 Mar 2027: 1 point to go in under a week, about 7 a week',
      tone: 'attention',
    });
  });

  it('refuses a share that is not one, a date that is not one, and a day that has passed', () => {
    expect(targetProblem(0, '2027-03-31', NOW)).toContain('from 1% to 100%');
    expect(targetProblem(101, '2027-03-31', NOW)).toContain('from 1% to 100%');
    expect(targetProblem(95, '31/03/2027', NOW)).toContain('is not a date');
    expect(targetProblem(95, '2027-02-30', NOW)).toContain('is not a date');
    expect(targetProblem(95, '2026-12-06', NOW)).toContain('has passed');
    expect(targetProblem(95, '2026-12-07', NOW)).toBeUndefined();
  });

  it.each([
    ['', { action: 'show' }],
    ['off', { action: 'off' }],
    ['95% by 2027-03-31', { action: 'set', percent: 95, by: '2027-03-31' }],
    ['97.5 by 2027-06-30', { action: 'set', percent: 97.5, by: '2027-06-30' }],
  ])('reads "target %s"', (rest, command) => {
    expect(parseTargetCommand(rest)).toEqual({ command });
  });

  it('answers a target it cannot read with how to say it', () => {
    expect(parseTargetCommand('95% soon')).toEqual({ problem: expect.stringContaining('target 95% by 2027-03-31') });
  });
});
