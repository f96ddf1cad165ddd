import { plainLetters } from './question-language';

/**
 * Words that say something is wrong without saying what: on their own they point at no article, and the way a
 * question is put does not count them either ("phone problem" is asked like "phone").
 */
const VAGUE_WORDS_TEXT = 'problem problems issue issues trouble';
export const VAGUE_WORDS: ReadonlySet<string> = new Set(VAGUE_WORDS_TEXT.split(' '));

/**
 * How questions are read before they are matched against the knowledge base: lower case, without the
 * words every question has, and with the words people use for the same thing counted as one ("2FA",
 * "two-step" and "MFA"; "app" and "Authenticator"). Shared by indexing and asking, so both sides agree.
 */
const STOP_WORDS = new Set(
  (
    'a an and are as at be by can could do does for from get got have how i if in is it its me my of on or our ' +
    'should so that the their there this to was we what when where which who why will with would you your ' +
    'im ive id dont cant wont please pls hi hey hello thanks thank need want help whats vs versus ' +
    // Fillers that say nothing about the topic.
    'just really even actually exactly also still now then any some very much ok okay oops ugh um like know ' +
    'tell way thing stuff bit kind sort anyone someone something anything ' +
    VAGUE_WORDS_TEXT
  ).split(' '),
);

/** Each group is one idea; a word of a group also finds the others. */
const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['mfa', '2fa', 'twofactor', 'multifactor', 'twostep', '2sv', 'verification'],
  ['authenticator', 'app', 'authenticatorapp'],
  ['phone', 'mobile', 'smartphone', 'cellphone', 'iphone', 'android', 'device', 'fone'],
  ['sms', 'text', 'texts'],
  ['voice', 'call', 'calls'],
  ['passkey', 'passkeys', 'fido2', 'fido', 'webauthn'],
  ['lost', 'stolen', 'missing', 'broken', 'stole', 'theft', 'nicked', 'pinched', 'robbed', 'misplaced'],
  ['new', 'replace', 'replaced', 'switch', 'switching', 'upgrade'],
  ['move', 'transfer', 'migrate', 'moving'],
  ['prompt', 'prompts', 'notification', 'notifications', 'request', 'requests', 'approval', 'approve'],
  ['setup', 'enroll', 'enrol', 'register', 'install', 'configure'],
  ['signin', 'login', 'logon', 'signon'],
  ['signal', 'reception', 'offline', 'airplane', 'roaming', 'wifi'],
  ['smtp', 'mail', 'email', 'send', 'sending'],
  ['oauth', 'oauth2', 'xoauth2', 'token', 'tokens', 'modern'],
  ['basic', 'legacy'],
  ['secret', 'secrets', 'credential', 'credentials', 'certificate', 'keyvault'],
  ['printer', 'printers', 'scanner', 'scanners', 'copier', 'mfp'],
  ['error', 'errors', '535'],
  ['enforce', 'require', 'mandatory', 'rollout', 'deploy', 'turnon', 'enable'],
  ['everyone', 'every', 'all', 'whole', 'entire'],
  ['revoke', 'revocation', 'kill', 'cutoff', 'terminate'],
  ['leaver', 'leaves', 'offboard', 'offboarding', 'departed'],
  ['daemon', 'background', 'unattended', 'nightly', 'scheduled', 'job', 'cron', 'apponly'],
  ['tls', 'starttls', 'ssl', 'encrypted', 'plaintext', 'unencrypted'],
  ['git', 'github', 'gitlab', 'repo', 'repository', 'committed', 'commit', 'pushed', 'leaked'],
  ['phishing', 'phish', 'scam', 'scams', 'fake', 'suspicious', 'dodgy'],
  ['weak', 'bad', 'unsafe', 'insecure', 'risky', 'safe', 'secure', 'dangerous'],
];

/** Keyed by each word's stem, so "texts", "logins" and "approved" find their group as "text", "login", "approve" do. */
const SYNONYMS = new Map<string, readonly string[]>();
for (const group of SYNONYM_GROUPS) for (const word of group) SYNONYMS.set(stem(word), group);

/** Words people write in two or three pieces, joined so that each spelling meets the others. */
const JOINED: readonly [RegExp, string][] = [
  [/\btwo[\s-]*factor\b/g, 'twofactor'],
  [/\bmulti[\s-]*factor\b/g, 'multifactor'],
  [/\btwo[\s-]*step\b/g, 'twostep'],
  [/\b2[\s-]*step\b/g, 'twostep'],
  [/\b(set|sets|setting)[\s-]+up\b/g, 'setup'],
  [/\b(sign|signs|signed|signing|log|logs|logged|logging)[\s-]+(in|on)(to)?\b/g, 'signin'],
  [/\bkey[\s-]+vault\b/g, 'keyvault'],
  [/\bwi[\s-]?fi\b/g, 'wifi'],
  [/\be[\s-]mail\b/g, 'email'],
  [/\broll(s|ed|ing)?[\s-]*out\b/g, 'rollout'],
  [/\bturn(s|ed|ing)?[\s-]+on\b/g, 'turnon'],
  [/\bcut(s|ting)?[\s-]*off\b/g, 'cutoff'],
  [/\bapp[\s-]only\b/g, 'apponly'],
  [/\bsmtp\.send(asapp)?\b/g, 'smtpsend$1'],
];

/** A text in plain lower-case letters, without apostrophes, with the words people split written as one. */
export function joinedText(text: string): string {
  let tidy = plainLetters(text).replace(/['’]/g, '');
  for (const [pattern, joined] of JOINED) tidy = tidy.replace(pattern, joined);
  return tidy;
}

/** The words of a text, as both sides compare them. */
export function questionWords(text: string): string[] {
  return joinedText(text)
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 1 && !STOP_WORDS.has(word) && !STOP_WORDS.has(stem(word)));
}

/** A word and the words that mean the same (itself first); "approved" finds the group of "approve". */
export function withSynonyms(word: string): readonly string[] {
  const group = SYNONYMS.get(word) ?? SYNONYMS.get(stem(word));
  return group ? [word, ...group.filter((other) => other !== word)] : [word];
}

/**
 * A light English stem, so that the forms of a word meet ("texts" and "text", "logged" and "log", "approve"
 * and "approved" and "approving"): plural s, -ing and -ed, then a final e, the way Porter's stemmer ends. It
 * is for comparing only, never shown. Short words, numbers and words with digits are left as they are.
 */
export function stem(word: string): string {
  if (word.length <= 3 || !/^[a-z]+$/.test(word)) return word;
  let w = word;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  const suffix = /(ing|ed)$/.exec(w);
  if (suffix && w.length - suffix[0].length >= 3 && /[aeiouy]/.test(w.slice(0, -suffix[0].length))) {
    w = w.slice(0, -suffix[0].length);
    if (/([bgmnprt])\1$/.test(w)) w = w.slice(0, -1);
  }
  if (w.endsWith('e') && w.length > 3) w = w.slice(0, -1);
  return w;
}
