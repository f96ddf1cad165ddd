import { parseCommandText } from '../../../../src/adapters/bot/command-text';

describe('parseCommandText', () => {
  it.each([
    ['help', 'help'],
    ['/help', 'help'],
    ['HELP', 'help'],
    ['  /Help  ', 'help'],
    ['help\u00a0', 'help'],
  ])('reads %j as the command %j', (text, name) => {
    expect(parseCommandText(text)?.name).toBe(name);
  });

  it('keeps the arguments after the command', () => {
    expect(parseCommandText('/posture  by department')).toEqual({ name: 'posture', args: ['by', 'department'] });
  });

  it('reads a sentence that merely contains the word as something else', () => {
    expect(parseCommandText('please help me')?.name).toBe('please');
  });

  it('returns nothing for empty text', () => {
    expect(parseCommandText('   ')).toBeUndefined();
    expect(parseCommandText(undefined)).toBeUndefined();
  });
});
