import { decideSnooze, DEFAULT_SNOOZE_POLICY, parseSnoozePolicy, snoozeOffer } from '../../../../src/domain/nudges/snooze-policy';

const now = new Date('2026-02-10T12:00:00Z');

describe('decideSnooze', () => {
  it('snoozes for the chosen number of whole 24-hour days', () => {
    expect(decideSnooze(now, 3, 0, DEFAULT_SNOOZE_POLICY)).toEqual({
      kind: 'snoozed',
      until: new Date('2026-02-13T12:00:00Z'),
      used: 1,
      remaining: 2,
      wasLast: false,
    });
  });

  it('takes the choice as a string of digits, as card data often carries it', () => {
    expect(decideSnooze(now, '7', 1, DEFAULT_SNOOZE_POLICY)).toMatchObject({
      kind: 'snoozed',
      until: new Date('2026-02-17T12:00:00Z'),
      used: 2,
      remaining: 1,
    });
  });

  it('says when it was the last snooze of the series', () => {
    expect(decideSnooze(now, 1, 2, DEFAULT_SNOOZE_POLICY)).toEqual({
      kind: 'snoozed',
      until: new Date('2026-02-11T12:00:00Z'),
      used: 3,
      remaining: 0,
      wasLast: true,
    });
  });

  it('refuses once the snoozes are used up, whatever was chosen', () => {
    expect(decideSnooze(now, 1, 3, DEFAULT_SNOOZE_POLICY)).toEqual({ kind: 'refused', reason: 'no-snoozes-left' });
    expect(decideSnooze(now, 'junk', 4, DEFAULT_SNOOZE_POLICY)).toEqual({ kind: 'refused', reason: 'no-snoozes-left' });
  });

  it.each([2, 30, 0, -1, 1.5, NaN, Infinity, '2', '3.0', '3d', '', '1e1', ' ', true, null, undefined, [3], { days: 3 }])(
    'refuses %j, which is not one of the choices',
    (days) => {
      expect(decideSnooze(now, days, 0, DEFAULT_SNOOZE_POLICY)).toEqual({ kind: 'refused', reason: 'not-a-choice' });
    },
  );

  it('refuses everything when the policy allows no snoozes', () => {
    expect(decideSnooze(now, 1, 0, { choicesDays: [1], maxPerSeries: 0 })).toEqual({ kind: 'refused', reason: 'no-snoozes-left' });
  });

  it('rejects a count of snoozes used that cannot be', () => {
    expect(() => decideSnooze(now, 1, -1, DEFAULT_SNOOZE_POLICY)).toThrow(RangeError);
    expect(() => decideSnooze(now, 1, 0.5, DEFAULT_SNOOZE_POLICY)).toThrow(RangeError);
  });
});

describe('snoozeOffer', () => {
  it('offers the choices and how many snoozes are left', () => {
    expect(snoozeOffer(0, DEFAULT_SNOOZE_POLICY)).toEqual({ choicesDays: [1, 3, 7], remaining: 3, nextIsLast: false });
    expect(snoozeOffer(2, DEFAULT_SNOOZE_POLICY)).toEqual({ choicesDays: [1, 3, 7], remaining: 1, nextIsLast: true });
  });

  it('offers nothing when none are left', () => {
    expect(snoozeOffer(3, DEFAULT_SNOOZE_POLICY)).toBeNull();
    expect(snoozeOffer(5, DEFAULT_SNOOZE_POLICY)).toBeNull();
    expect(snoozeOffer(0, { choicesDays: [1, 3], maxPerSeries: 0 })).toBeNull();
  });

  it('hands out a copy of the choices, so a caller cannot change the policy', () => {
    const offer = snoozeOffer(0, DEFAULT_SNOOZE_POLICY);
    offer?.choicesDays.push(99);

    expect(DEFAULT_SNOOZE_POLICY.choicesDays).toEqual([1, 3, 7]);
  });
});

describe('parseSnoozePolicy', () => {
  it('reads the choices and the maximum', () => {
    expect(parseSnoozePolicy('1,3,7', '3')).toEqual({ choicesDays: [1, 3, 7], maxPerSeries: 3 });
    expect(parseSnoozePolicy(' 14 , 2 ', 5)).toEqual({ choicesDays: [2, 14], maxPerSeries: 5 });
    expect(parseSnoozePolicy('30', 0)).toEqual({ choicesDays: [30], maxPerSeries: 0 });
  });

  it.each([
    ['', /empty/],
    [' , ', /empty/],
    ['1,,3', /"" is not a whole number/],
    ['1,3,', /"" is not a whole number/],
    ['0,3', /0 is not between 1 and 30/],
    ['-1', /"-1" is not a whole number/],
    ['1,31', /31 is not between 1 and 30/],
    ['1.5', /"1.5" is not a whole number/],
    ['one', /"one" is not a whole number/],
    ['3,1,3', /3 more than once/],
  ])('rejects the choices %j', (choices, message) => {
    expect(() => parseSnoozePolicy(choices, 3)).toThrow(message);
  });

  it.each([-1, 1.5, NaN, '', 'three', '-2'])('rejects the maximum %j', (max) => {
    expect(() => parseSnoozePolicy('1,3,7', max)).toThrow(/Maximum snoozes .* is not a whole number/);
  });
});
