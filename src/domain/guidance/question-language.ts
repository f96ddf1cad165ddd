/**
 * Questions in French, German and Spanish. The knowledge base is written in English; a question in one of
 * these languages is recognised from its own small words, and its subject words are read into English with a
 * short glossary of the words people use about sign-in and mail, so that it can find the same articles. The
 * answer then says, in the asker's language, that the articles are in English. Anything the glossary does
 * not hold is kept as typed: product names (Authenticator, SMTP, OAuth) read the same in every language.
 */
export type AnswerLanguage = 'en' | 'fr' | 'de' | 'es';

export const ANSWER_LANGUAGES: readonly AnswerLanguage[] = ['en', 'fr', 'de', 'es'];
const OTHER_LANGUAGES = ['fr', 'de', 'es'] as const;

/** Lower case, accents dropped ("téléphone" as "telephone", "Straße" as "strasse"). */
export function plainLetters(text: string): string {
  return text.toLowerCase().replace(/ß/g, 'ss').normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

/** Words that only say which language a text is in; after plainLetters. */
const FUNCTION_WORDS: Record<AnswerLanguage, ReadonlySet<string>> = {
  en: new Set(('the a an is are do does did i my me you your it to of in on for with and or not how what why when where can ' +
    'cant should will would have has this that there be was get got use using if any').split(' ')),
  fr: new Set(('le la les un une des du de est sont je j mon ma mes me m tu ton ta vous votre vos nous notre il elle on ' +
    'ce cet cette ces qu que qui quoi quel quelle quels comment pourquoi quand ou avec pour pas ne n sur dans au aux ' +
    'et mais donc ai avons avez ont suis faut faire fait peux peut doit dois si vont va vraiment tous toutes merci bonjour salut bonsoir beaucoup').split(' ')),
  de: new Set(('der die das den dem des ein eine einen einem einer ist sind ich mein meine meinen mir mich du dein sie ' +
    'wir unser es wie was warum wann wo mit fur und oder nicht kein keine auf im in zu zum zur bei von vom aus ' +
    'habe haben kann konnen muss mussen soll wird werden gibt obwohl gar sich noch schon auch nur zwischen beim uber ' +
    'woran liegt unserem unsere unser tun bekomme immer wieder jetzt danke hallo vielen dank tschuss morgen').split(' ')),
  es: new Set(('el la los las un una unos unas es son yo mi mis me tu su sus nosotros que como por porque cuando donde ' +
    'para en del pero hay puedo puede debo tengo tiene hago hacer cual cuales esta estan estoy si con desde al y o gracias hola muchas buenos buenas dias adios').split(' ')),
};

/** Words of those languages that are English words too: they say nothing about which language a text is in. */
const ENGLISH_LOOKALIKES = new Set(('a an on me in die was son des do am so also bin hat us j m n mail mails email mobile notification ' +
  'notifications application change code codes sms app scanner error smartphone arrive administrator phishing portable ' +
  'licence fin seguro error telephone consultant assistant backup chef depart leer lager obra valide personal pro grave').split(' '));

/**
 * The glossary: a word or phrase (after plainLetters) and the English words it stands for. Phrases are
 * matched before words. Only the subject's words: what the articles are about, not everyday language.
 */
const GLOSSARY: Record<Exclude<AnswerLanguage, 'en'>, Record<string, string>> = {
  fr: {
    'double authentification': 'mfa', 'authentification a deux facteurs': 'mfa', 'authentification multifacteur': 'mfa',
    'verification en deux etapes': 'mfa', 'a2f': 'mfa', 'authentification forte': 'mfa',
    'mot de passe': 'password', 'mots de passe': 'password', 'cle de securite': 'security key', 'cles de securite': 'security key',
    'cle d acces': 'passkey', 'cles d acces': 'passkey', 'informations de securite': 'security info',
    'acces conditionnel': 'conditional access', 'parametres de securite par defaut': 'security defaults',
    'securite par defaut': 'security defaults', 'authentification heritee': 'legacy authentication', 'tous les utilisateurs': 'all users',
    'nouveau telephone': 'new phone', 'appel vocal': 'voice call', 'code a usage unique': 'one time code',
    'passe d acces temporaire': 'temporary access pass', 'boite aux lettres': 'mailbox', 'boite mail': 'mailbox',
    telephone: 'phone', portable: 'phone', mobile: 'phone', smartphone: 'phone', cellulaire: 'phone', nouveau: 'new', nouvel: 'new', nouvelle: 'new',
    perdu: 'lost', perdue: 'lost', perdre: 'lost', vole: 'stolen', casse: 'broken', change: 'changed', changer: 'change', transferer: 'transfer',
    transfere: 'transfer', deplacer: 'move', installer: 'install', configurer: 'set up', activer: 'enable', desactiver: 'disable',
    enregistrer: 'register', inscrire: 'register', supprimer: 'remove', bloquer: 'block', connexion: 'sign in', connecter: 'sign in',
    identifier: 'sign in', courriel: 'email', courriels: 'email', mail: 'email', mails: 'email', envoyer: 'send', envoie: 'send',
    envoi: 'send', appli: 'app', application: 'app', appel: 'call', appels: 'call', code: 'code', codes: 'code',
    disparaitre: 'end retire', supprime: 'retire', fin: 'end', arret: 'end', licence: 'license', utilisateurs: 'users',
    utilisateur: 'user', administrateur: 'admin', securite: 'security', cle: 'key', empreinte: 'fingerprint', visage: 'face',
    notification: 'notification', notifications: 'notification', demande: 'request', demandes: 'request', approuver: 'approve',
    refuser: 'deny', hameconnage: 'phishing', arnaque: 'scam', erreur: 'error', jeton: 'token', jetons: 'token', serveur: 'server',
    imprimante: 'printer', scanner: 'scanner', recu: 'received', recois: 'receive', arrive: 'arrive', fonctionne: 'work',
    marche: 'work', pirate: 'hacked', compte: 'account', changement: 'change', sms: 'sms', textos: 'sms',
    texto: 'sms', voix: 'voice', decembre: 'december', fevrier: 'february', septembre: 'september',
    'c est quoi': 'what is', 'qu est ce que': 'what is', 'a quoi sert': 'what is', 'plus sur': 'safer', 'plus securise': 'safer',
    'a l etranger': 'abroad', 'pas de reseau': 'no signal', 'sans reseau': 'no signal', 'pas de donnees': 'no data',
    'campagne d inscription': 'registration campaign', 'ne marche plus': 'not working', 'ne fonctionne plus': 'not working',
    'autorisation d api': 'api permission', 'inscription de l application': 'app registration', 'boite partagee': 'shared mailbox',
    'boite aux lettres partagee': 'shared mailbox', 'authentification de base': 'basic authentication', 'mot de passe d application': 'app password',
    mieux: 'better', voyage: 'travel', voyager: 'travel', etranger: 'abroad', reseau: 'signal', donnees: 'data',
    chiffre: 'number', chiffres: 'number', nombre: 'number', numero: 'number', saisir: 'enter', taper: 'type', entrer: 'enter',
    campagne: 'campaign', inscription: 'registration', reinitialiser: 'reset', oublie: 'forgot', efface: 'deleted',
    desinstalle: 'uninstalled', partage: 'shared', partagee: 'shared', autorisation: 'permission', autorisations: 'permission',
    jamais: 'never', toujours: 'always', bientot: 'soon', urgence: 'emergency',
    'pas le droit': 'not allowed', 'interdit': 'not allowed', 'interdits': 'not allowed', 'poste partage': 'shared pc',
    'ordinateur partage': 'shared pc', 'tablette partagee': 'shared tablet', entrepot: 'warehouse', chantier: 'site', usine: 'factory',
    infirmiere: 'nurse', infirmier: 'nurse', quitter: 'leaving', quitte: 'leaving', depart: 'leaving', prestataire: 'contractor',
    consultant: 'contractor', vide: 'empty', valider: 'approve', valide: 'approve', 'n arrive plus a me connecter': 'cannot sign in',
    'je n arrive pas a me connecter': 'cannot sign in', partager: 'share', assistante: 'assistant', assistant: 'assistant',
    directeur: 'executive', directrice: 'executive', 'a ma place': 'on my behalf', 'de secours': 'backup', sauvegarde: 'backup',
    approbation: 'approval', 'demande d approbation': 'approval request', 'demandes d approbation': 'approval request', grave: 'serious',
    'que je n ai pas faites': 'i did not start', 'pas faite': 'did not start', liste: 'list', enregistre: 'registered', methode: 'method',
    methodes: 'method', 'pas encore': 'not yet', sortir: 'export', exporter: 'export', 'premier jour': 'first day', arreter: 'stop',
    's arreter': 'stop', remets: 'set up again', remettre: 'set up again', pro: 'work', professionnel: 'work', 'compte pro': 'work account',
    employe: 'employee', prive: 'personal', personnel: 'personal', voir: 'see', entreprise: 'company', societe: 'company',
  },
  de: {
    'zwei faktor authentifizierung': 'mfa', 'zwei faktor': 'mfa', 'zweifaktor': 'mfa', 'mehrstufige authentifizierung': 'mfa',
    'mehrfaktor authentifizierung': 'mfa', 'zweistufige verifizierung': 'mfa', '2fa': 'mfa', 'bedingter zugriff': 'conditional access',
    'bedingten zugriff': 'conditional access', 'sicherheitsstandards': 'security defaults', 'mfa pro benutzer': 'per user mfa',
    'pro benutzer': 'per user', 'neues handy': 'new phone', 'neues telefon': 'new phone', 'befristeter zugriffspass': 'temporary access pass',
    handy: 'phone', telefon: 'phone', smartphone: 'phone', mobiltelefon: 'phone', neu: 'new', neue: 'new', neues: 'new', neuen: 'new',
    verloren: 'lost', gestohlen: 'stolen', kaputt: 'broken', gewechselt: 'changed', wechseln: 'change', ubertragen: 'transfer',
    umziehen: 'move', einrichten: 'set up', installieren: 'install', aktivieren: 'enable', deaktivieren: 'disable',
    registrieren: 'register', entfernen: 'remove', blockieren: 'block', sperren: 'block', anmelden: 'sign in', anmelde: 'sign in', abwesenheitsnotiz: 'out of office', anmeldung: 'sign in',
    einloggen: 'sign in', passwort: 'password', kennwort: 'password', sicherheitsschlussel: 'security key', hauptschlussel: 'passkey',
    sicherheitsinformationen: 'security info', anfragen: 'request', anfrage: 'request', benachrichtigung: 'notification',
    benachrichtigungen: 'notification', genehmigen: 'approve', bestatigen: 'approve', ablehnen: 'deny', standig: 'unexpected',
    unterschied: 'difference', lizenz: 'license', benutzer: 'user', nutzer: 'user', mitarbeiter: 'user', administrator: 'admin',
    sicherheit: 'security', schlussel: 'key', fingerabdruck: 'fingerprint', gesicht: 'face', fehler: 'error', senden: 'send',
    versenden: 'send', gesendet: 'send', mail: 'email', mails: 'email', email: 'email', postfach: 'mailbox', drucker: 'printer',
    scanner: 'scanner', kopierer: 'printer', konto: 'account', gehackt: 'hacked', phishing: 'phishing', sms: 'sms', anruf: 'call',
    anrufe: 'call', sprachanruf: 'voice call', code: 'code', codes: 'code', veraltet: 'legacy', abschaffen: 'retire', ende: 'end',
    dezember: 'december', februar: 'february', september: 'september', app: 'app',
    'nicht mehr': 'end', 'geht nicht': 'not working', 'funktioniert nicht': 'not working', 'kein netz': 'no signal',
    'keine daten': 'no data', 'kein empfang': 'no signal', 'im ausland': 'abroad', 'api berechtigung': 'api permission',
    'app registrierung': 'app registration', 'geteiltes postfach': 'shared mailbox', 'freigegebenes postfach': 'shared mailbox',
    'standardauthentifizierung': 'basic authentication', 'app kennwort': 'app password', 'neu einrichten': 'set up again',
    bald: 'soon', zahl: 'number', zahlen: 'number', nummer: 'number', eingeben: 'enter', eintippen: 'type', woher: 'where',
    statt: 'instead', stattdessen: 'instead', anstatt: 'instead', nutzen: 'use', benutzen: 'use', verwenden: 'use',
    richte: 'set up', reise: 'travel', reisen: 'travel', ausland: 'abroad', urlaub: 'holiday', daten: 'data', netz: 'signal',
    empfang: 'signal', funktioniert: 'work', geloscht: 'deleted', loschen: 'delete', vergessen: 'forgot', zurucksetzen: 'reset',
    sicher: 'secure', sicherer: 'safer', besser: 'better', berechtigung: 'permission', berechtigungen: 'permission',
    registrierungskampagne: 'registration campaign', kampagne: 'campaign', notfall: 'emergency', notfallzugriff: 'emergency access',
    geteilt: 'shared', freigegeben: 'shared', clientanmeldeinformationen: 'client credentials',
    anmeldeanfragen: 'sign in request', anmeldeanfrage: 'sign in request', verboten: 'not allowed', 'nicht erlaubt': 'not allowed',
    'nicht gestattet': 'not allowed', gemeinsam: 'shared', gemeinsamer: 'shared', gemeinsamen: 'shared', lager: 'warehouse',
    baustelle: 'site', verlasse: 'leaving', verlassen: 'leaving', kundige: 'leaving', dienstleister: 'contractor', externer: 'contractor',
    berater: 'contractor', leer: 'empty', umbauen: 'change', umstellen: 'change', schickt: 'send', schicken: 'send',
    benutzername: 'username', teilen: 'share', weitergeben: 'share', assistentin: 'assistant', assistent: 'assistant',
    chef: 'executive', chefin: 'executive', 'fur mich': 'on my behalf', backup: 'backup', ersatz: 'backup',
    sieht: 'see', sehen: 'see', firma: 'company', unternehmen: 'company', privat: 'personal', privaten: 'personal', privates: 'personal',
    installiere: 'install', 'was tun': 'what to do', drauf: 'on it', liste: 'list', exportieren: 'export', 'erster tag': 'first day',
    'ersten tag': 'first day', 'noch nicht': 'not yet', registriert: 'registered', methode: 'method', methoden: 'method',
  },
  es: {
    'autenticacion en dos pasos': 'mfa', 'autenticacion de dos factores': 'mfa', 'doble factor': 'mfa', 'autenticacion multifactor': 'mfa',
    'verificacion en dos pasos': 'mfa', 'acceso condicional': 'conditional access', 'autenticacion heredada': 'legacy authentication',
    'valores predeterminados de seguridad': 'security defaults', 'valores de seguridad predeterminados': 'security defaults',
    'llave de seguridad': 'security key', 'clave de seguridad': 'security key', 'clave de acceso': 'passkey', 'llave fido2': 'fido2 security key',
    'contrasena': 'password', 'nuevo telefono': 'new phone', 'nuevo celular': 'new phone', 'pase de acceso temporal': 'temporary access pass',
    'informacion de seguridad': 'security info', 'no puedo entrar': 'cannot sign in', 'todos los usuarios': 'all users',
    celular: 'phone', movil: 'phone', telefono: 'phone', smartphone: 'phone', nuevo: 'new', nueva: 'new', perdi: 'lost', perdido: 'lost',
    robado: 'stolen', roto: 'broken', cambie: 'changed', cambiar: 'change', transferir: 'transfer', mover: 'move', instalar: 'install',
    configurar: 'set up', configuro: 'set up', activar: 'enable', desactivar: 'disable', registrar: 'register', eliminar: 'remove',
    bloquear: 'block', bloqueo: 'block', entrar: 'sign in', iniciar: 'sign in', sesion: 'sign in', correo: 'email', correos: 'email',
    enviar: 'send', envio: 'send', aplicacion: 'app', app: 'app', llamada: 'call', llamadas: 'call', codigo: 'code', codigos: 'code',
    mensaje: 'sms', mensajes: 'sms', licencia: 'license', usuario: 'user', usuarios: 'user', administrador: 'admin', seguridad: 'security',
    llave: 'key', clave: 'key', huella: 'fingerprint', cara: 'face', notificacion: 'notification', notificaciones: 'notification',
    solicitud: 'request', solicitudes: 'request', aprobar: 'approve', rechazar: 'deny', error: 'error', buzon: 'mailbox',
    impresora: 'printer', escaner: 'scanner', cuenta: 'account', hackeado: 'hacked', mejor: 'better', seguro: 'secure',
    desaparecer: 'end retire', diciembre: 'december', febrero: 'february', septiembre: 'september',
    'campana de registro': 'registration campaign', 'ya no funciona': 'not working', 'no funciona': 'not working', 'sin datos': 'no data',
    'no tendre datos': 'no data', 'sin senal': 'no signal', 'en el extranjero': 'abroad', 'buzon compartido': 'shared mailbox',
    'autenticacion basica': 'basic authentication', 'contrasena de aplicacion': 'app password', 'registro de aplicacion': 'app registration',
    'permiso de api': 'api permission', 'de viaje': 'travel',
    campana: 'campaign', registro: 'registration', viaje: 'travel', viajar: 'travel', extranjero: 'abroad', datos: 'data', senal: 'signal',
    apruebo: 'approve', numero: 'number', escribir: 'type', ingresar: 'enter', introducir: 'enter', restablecer: 'reset',
    olvide: 'forgot', borre: 'deleted', borrar: 'delete', funciona: 'work', pase: 'move', pasar: 'move', compartido: 'shared',
    permiso: 'permission', permisos: 'permission', pronto: 'soon', emergencia: 'emergency', siempre: 'always', nunca: 'never',
    'no se permite': 'not allowed', 'no nos dejan': 'not allowed', prohibido: 'not allowed', prohibidos: 'not allowed',
    compartida: 'shared', almacen: 'warehouse', obra: 'site', fabrica: 'factory', dejo: 'leaving', salgo: 'leaving', contratista: 'contractor',
    consultor: 'contractor', vacia: 'empty', vacio: 'empty', compartir: 'share', asistente: 'assistant', jefe: 'executive', jefa: 'executive',
    'por mi': 'on my behalf', respaldo: 'backup',
    llego: 'received', pedi: 'requested', 'no pedi': 'did not request', empleado: 'employee', empleada: 'employee', empieza: 'starts',
    manana: 'tomorrow', 'primer dia': 'first day', todavia: 'not yet', acceso: 'access', basico: 'basic', 'movil basico': 'feature phone',
    'telefono basico': 'feature phone', 'no tengo smartphone': 'no smartphone', lista: 'list', exportar: 'export', metodo: 'method',
    metodos: 'method', privado: 'personal', personal: 'personal', empresa: 'company',
  },
};

/** A word of French, German or Spanish that English does not share: one of its small words or of its glossary. */
function isWordOf(language: (typeof OTHER_LANGUAGES)[number], word: string): boolean {
  return !FUNCTION_WORDS.en.has(word) && !ENGLISH_LOOKALIKES.has(word) && (FUNCTION_WORDS[language].has(word) || GLOSSARY[language][word] !== undefined);
}

/** The longest glossary phrase of each language, in words: how far ahead reading looks. */
const LONGEST_PHRASE = Object.fromEntries(Object.entries(GLOSSARY).map(([language, glossary]) => [
  language,
  Math.max(...Object.keys(glossary).map((key) => key.split(' ').length)),
])) as Record<Exclude<AnswerLanguage, 'en'>, number>;

/** The words of a text for telling its language: plain letters, split at anything that is not a letter or digit. */
function tokens(text: string): string[] {
  return plainLetters(text).split(/[^a-z0-9]+/).filter(Boolean);
}

/**
 * The language a question is written in. Each language scores a point per word of its own small words and
 * of its glossary, and a few letters only it uses ("¿", "ñ"; "ß", "ä" "ö" "ü"; "ç", "è" "ê"); English wins a
 * tie, so an English question that borrows one word ("handy") stays English. A question with no sign of any
 * language ("MFA?") is read in the asker's Teams language when it is one of ours, else in English.
 */
export function languageOf(text: string, locale?: string): AnswerLanguage {
  const words = tokens(text);
  const raw = text.toLowerCase();
  const score: Record<AnswerLanguage, number> = { en: 0, fr: 0, de: 0, es: 0 };
  for (const word of words) {
    if (FUNCTION_WORDS.en.has(word)) score.en++;
    for (const language of OTHER_LANGUAGES) if (isWordOf(language, word)) score[language]++;
  }
  if (/[¿¡ñ]/.test(raw)) score.es += 2;
  if (/[ßäöü]/.test(raw)) score.de += 2;
  if (/[çèêàùœ]/.test(raw)) score.fr += 2;
  const best = ANSWER_LANGUAGES.reduce((winner, language) => (score[language] > score[winner] ? language : winner), 'en' as AnswerLanguage);
  if (score[best] > 0) return best;
  const fromLocale = (locale ?? '').toLowerCase().split(/[-_]/)[0] as AnswerLanguage;
  return ANSWER_LANGUAGES.includes(fromLocale) ? fromLocale : 'en';
}

/**
 * A sentence of five words or more with at most one of English's small words (Italian's "a", Dutch's "in") and
 * at most one word of the other languages we read (Italian's "telefono"): Italian, Portuguese, Dutch... The card
 * then says which languages the bot reads. Product names alone ("Authenticator SMTP OAuth MFA") are too short to count.
 */
export function inUnreadLanguage(text: string): boolean {
  const words = tokens(text).filter((word) => !/^\d+$/.test(word));
  if (words.length < 5) return false;
  const english = words.filter((word) => FUNCTION_WORDS.en.has(word)).length;
  const ours = words.filter((word) => OTHER_LANGUAGES.some((language) => isWordOf(language, word))).length;
  return english <= 1 && ours <= 1;
}

/**
 * A question read into English for searching: glossary phrases and words become their English words, the
 * language's small words go, anything else stays as typed. An English question comes back as it is.
 */
export function inEnglish(text: string, language: AnswerLanguage): string {
  if (language === 'en') return text;
  const glossary = GLOSSARY[language];
  const words = tokens(text);
  const read: string[] = [];
  for (let at = 0; at < words.length;) {
    // The longest glossary entry starting here, then the language's small words, then the word as typed.
    let length = Math.min(LONGEST_PHRASE[language], words.length - at);
    while (length > 0 && glossary[words.slice(at, at + length).join(' ')] === undefined) length--;
    if (length > 0) read.push(glossary[words.slice(at, at + length).join(' ')]!);
    else if (!FUNCTION_WORDS[language].has(words[at]!)) read.push(words[at]!);
    at += Math.max(length, 1);
  }
  return read.join(' ');
}
