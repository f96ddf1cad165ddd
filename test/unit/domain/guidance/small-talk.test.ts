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
    ['Thanks for your help, have a lovely afternoon.', 'goodbye'],
    ['hi! thanks for earlier', 'thanks'],
    ['nice one bot', 'thanks'],
    ['hey, who made you?', 'about'],
    ['thnaks', 'thanks'],
    ['byeee', 'goodbye'],
    ['👍', 'thanks'],
    ['vielen Dank, hat geklappt!', 'thanks'],
    ['bonne journée !', 'goodbye'],
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
    'have a nice day, and how do I add a second phone?',
    'thanks! what is a passkey',
    '🔑',
  ])('leaves %j to be answered as a question', (text) => {
    expect(smallTalkOf(text)).toBeUndefined();
  });
});
