import { smallTalkOf } from '../../../../src/domain/guidance/small-talk';

describe('smallTalkOf', () => {
  it.each([
    ['hi', 'greeting'],
    ['Good morning 👋', 'greeting'],
    ['hello MFA Coach!', 'greeting'],
    ['Bonjour', 'greeting'],
    ['hola', 'greeting'],
    ['thanks, that worked!', 'thanks'],
    ['Thank you so much', 'thanks'],
    ['danke schön', 'thanks'],
    ['ok thanks, bye', 'goodbye'],
    ['what can you do?', 'about'],
    ['who are you', 'about'],
    ['who are you? is this a real person', 'about'],
    ['Wer sind Sie?', 'about'],
    ['thank u so much, all fixed now!!', 'thanks'],
    ['are you an actual human or a robot lol', 'about'],
    ['hey there, cheers for the help, bye', 'goodbye'],
  ])('reads %j as %s', (text, kind) => {
    expect(smallTalkOf(text)).toBe(kind);
  });

  it.each([
    'hi, I lost my phone',
    'thanks but my code still does not arrive',
    'hello, how do I set up MFA?',
    'what is MFA',
    'is this a real sign-in request?',
    'thanks, but the code is still wrong',
    'a real person keeps calling me for my code',
    '',
    'hi '.repeat(30),
  ])('leaves %j to be answered as a question', (text) => {
    expect(smallTalkOf(text)).toBeUndefined();
  });
});
