/**
 * How questions are read before they are matched against the knowledge base: lower case, without the
 * words every question has, and with the words people use for the same thing counted as one ("2FA",
 * "two-step" and "MFA"; "app" and "Authenticator"). Shared by indexing and asking, so both sides agree.
 */
const STOP_WORDS = new Set(
  ('a an and are as at be by can could do does for from get got have how i if in is it its me my of on or our ' +
    'should so that the their there this to was we what when where which who why will with would you your ' +
    'im ive id dont cant wont please pls hi hey hello thanks thank need want help whats').split(' '),
);

/** Each group is one idea; a word of a group also finds the others. */
const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['mfa', '2fa', 'twofactor', 'multifactor', 'twostep', '2sv', 'verification'],
  ['authenticator', 'app', 'authenticatorapp'],
  ['phone', 'mobile', 'smartphone', 'cellphone', 'iphone', 'android', 'device'],
  ['sms', 'text', 'texts'],
  ['voice', 'call', 'calls'],
  ['passkey', 'passkeys', 'fido2', 'fido', 'webauthn'],
  ['lost', 'stolen', 'missing', 'broken'],
  ['new', 'replace', 'replaced', 'switch', 'switching', 'upgrade'],
  ['move', 'transfer', 'migrate', 'moving'],
  ['prompt', 'prompts', 'notification', 'notifications', 'request', 'requests', 'approval', 'approve'],
  ['setup', 'set', 'enroll', 'enrol', 'register', 'install', 'configure'],
  ['signal', 'reception', 'offline', 'airplane', 'roaming', 'wifi'],
  ['smtp', 'mail', 'email', 'send', 'sending'],
  ['oauth', 'oauth2', 'xoauth2', 'token', 'tokens', 'modern'],
  ['basic', 'legacy'],
  ['secret', 'secrets', 'credential', 'credentials', 'certificate', 'keyvault'],
  ['printer', 'printers', 'scanner', 'scanners', 'copier', 'mfp'],
  ['error', 'errors', '535'],
];

const SYNONYMS = new Map<string, readonly string[]>();
for (const group of SYNONYM_GROUPS) for (const word of group) SYNONYMS.set(word, group);

/** Words people write in two or three pieces, joined so that each spelling meets the others. */
const JOINED: readonly [RegExp, string][] = [
  [/\btwo[\s-]*factor\b/g, 'twofactor'],
  [/\bmulti[\s-]*factor\b/g, 'multifactor'],
  [/\btwo[\s-]*step\b/g, 'twostep'],
  [/\b2[\s-]*step\b/g, 'twostep'],
  [/\bset[\s-]+up\b/g, 'setup'],
  [/\bsign[\s-]+in\b/g, 'signin'],
  [/\bkey[\s-]+vault\b/g, 'keyvault'],
  [/\bwi[\s-]?fi\b/g, 'wifi'],
  [/\be[\s-]mail\b/g, 'email'],
  [/\bsmtp\.send(asapp)?\b/g, 'smtpsend$1'],
];

/** The words of a text, as both sides compare them. */
export function questionWords(text: string): string[] {
  let tidy = text.toLowerCase().replace(/['’]/g, '');
  for (const [pattern, joined] of JOINED) tidy = tidy.replace(pattern, joined);
  return tidy
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 1 && !STOP_WORDS.has(word));
}

/** A word and the words that mean the same (itself first). */
export function withSynonyms(word: string): readonly string[] {
  return SYNONYMS.get(word) ? [word, ...SYNONYMS.get(word)!.filter((other) => other !== word)] : [word];
}
