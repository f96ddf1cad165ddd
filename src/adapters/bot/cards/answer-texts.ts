import type { AnswerLanguage } from '../../../domain/guidance/question-language';

/**
 * The fixed words of the answer cards, one set per language the bot reads; the templates hold none. The
 * articles are English, so a card for a question in French, German or Spanish says so in that language and
 * shows the English article. A new language is one more entry here (and its words in question-language.ts).
 * Values that come from people or settings (`helpDesk`, `botName`) arrive already made safe for markdown.
 */
export interface AnswerTexts {
  steps: string;
  goodToKnow: string;
  relatedQuestions: string;
  /** The button beside a related question or a "did you mean" choice: shows that article. */
  show: string;
  /** On an article shown from a related question: back to the answer it was shown from. */
  back: string;
  /** On an answer to a question not asked in English. */
  articleInEnglish: string;
  /** Under an answer: where it comes from. */
  summarisedFrom: (sources: number) => string;
  /** Under an answer: what to do when it is not what was asked. */
  notWhatYouAsked: (helpDesk: string, inChannel: boolean) => string;
  /** Over a model's answer: it was written by AI from the articles listed under it, whose sources are linked. */
  writtenByAi: (articles: number, sources: number) => string;
  notSureHeading: string;
  notSureHint: (helpDesk: string) => string;
  unknownHeading: string;
  outsideHeading: (subject: string) => string;
  whatICover: string;
  /** Which languages the bot reads: said on every card that does not answer a question in another language. */
  languages: string;
  howToAsk: (inChannel: boolean, botName: string) => string;
  askHelpDesk: (helpDesk: string) => string;
  greeting: (botName: string) => string;
  thanks: string;
  goodbye: string;
  about: (botName: string) => string;
  /** The next steps offered when there is no article to give: one's own status, and what the bot can do. */
  statusButton: string;
  helpButton: string;
}

const COVER_EN =
  "I answer questions about multi-factor authentication (MFA, two-step sign-in) and about sending email through Office 365 SMTP with OAuth. I would rather say I don't know than guess.";

export const ANSWER_TEXTS: Record<AnswerLanguage, AnswerTexts> = {
  en: {
    steps: 'Steps',
    goodToKnow: 'Good to know',
    relatedQuestions: 'Related questions',
    show: 'Show',
    back: '◀ Back',
    articleInEnglish: 'My articles are in English: this is the closest one to your question.',
    summarisedFrom: (sources) => `Summarised in our own words from ${sources === 1 ? 'the source' : 'the sources'} below.`,
    notWhatYouAsked: (helpDesk, inChannel) =>
      `Not what you asked? Ask in other words${inChannel ? '' : ', type **help**,'} or ask ${helpDesk}.`,
    writtenByAi: (articles, sources) =>
      `Written by AI from ${articles === 1 ? 'this article' : 'these articles'} of ours only (${sources === 1 ? 'its source is' : 'their sources are'} below):`,
    notSureHeading: "I'm not sure I understood. Did you mean one of these?",
    notSureHint: (helpDesk) => `If none of them is it, ask in other words, or ask ${helpDesk}.`,
    unknownHeading: "Sorry, I don't know the answer to that.",
    outsideHeading: (subject) => `That is outside what I cover: ${subject}.`,
    whatICover: COVER_EN,
    languages: 'You can ask in English, French, German or Spanish; my articles are in English.',
    howToAsk: (inChannel, botName) =>
      inChannel
        ? `To see what else I can do, mention me and say **help** (@${botName} help).`
        : 'To see what else I can do, type **help**.',
    askHelpDesk: (helpDesk) => `For anything else, please ask ${helpDesk}.`,
    greeting: (botName) =>
      `Hello! I'm ${botName}. Ask me anything about signing in with MFA, Microsoft Authenticator, passkeys, or sending mail through Office 365 with OAuth.`,
    thanks: "You're welcome. Ask me again any time.",
    goodbye: 'Goodbye, and stay safe when you sign in.',
    statusButton: 'Am I set up?',
    helpButton: 'Show what I can do',
    about: (botName) => `I'm ${botName}, a bot that helps everyone here sign in safely with multi-factor authentication. ${COVER_EN}`,
  },
  fr: {
    steps: 'Étapes',
    goodToKnow: 'Bon à savoir',
    relatedQuestions: 'Questions proches',
    show: 'Voir',
    back: '◀ Retour',
    articleInEnglish: 'Mes articles sont en anglais : voici celui qui répond le mieux à votre question.',
    summarisedFrom: (sources) => `Résumé avec nos mots à partir ${sources === 1 ? 'de la source' : 'des sources'} ci-dessous.`,
    notWhatYouAsked: (helpDesk, inChannel) =>
      `Ce n'est pas votre question ? Reformulez${inChannel ? '' : ', tapez **help**,'} ou demandez à ${helpDesk}.`,
    writtenByAi: (articles, sources) =>
      `Rédigé par une IA à partir de ${articles === 1 ? 'cet article' : 'ces articles'} de notre base uniquement (${sources === 1 ? 'sa source est' : 'leurs sources sont'} ci-dessous) :`,
    notSureHeading: "Je ne suis pas sûr d'avoir compris. Vouliez-vous dire l'une de ces questions ?",
    notSureHint: (helpDesk) => `Si ce n'est aucune d'elles, reformulez ou demandez à ${helpDesk}.`,
    unknownHeading: 'Désolé, je ne connais pas la réponse.',
    outsideHeading: (subject) => `Ce sujet n'est pas le mien : ${subject}.`,
    whatICover:
      "Je réponds aux questions sur l'authentification multifacteur (MFA, vérification en deux étapes) et sur l'envoi d'e-mails par SMTP Office 365 avec OAuth. Je préfère dire que je ne sais pas plutôt que deviner.",
    languages: 'Vous pouvez écrire en anglais, en français, en allemand ou en espagnol ; mes articles sont en anglais.',
    howToAsk: (inChannel, botName) =>
      inChannel
        ? `Pour voir ce que je sais faire, mentionnez-moi et écrivez **help** (@${botName} help).`
        : 'Pour voir ce que je sais faire, tapez **help**.',
    askHelpDesk: (helpDesk) => `Pour tout le reste, demandez à ${helpDesk}.`,
    greeting: (botName) =>
      `Bonjour ! Je suis ${botName}. Posez-moi vos questions sur la connexion avec MFA, Microsoft Authenticator, les clés d'accès (passkeys) ou l'envoi d'e-mails par Office 365 avec OAuth.`,
    thanks: 'Avec plaisir. Revenez quand vous voulez.',
    goodbye: 'Au revoir, et connectez-vous en sécurité.',
    statusButton: 'Suis-je bien configuré ?',
    helpButton: 'Ce que je sais faire',
    about: (botName) => `Je suis ${botName}, un bot qui aide chacun ici à se connecter en sécurité avec l'authentification multifacteur.`,
  },
  de: {
    steps: 'Schritte',
    goodToKnow: 'Gut zu wissen',
    relatedQuestions: 'Ähnliche Fragen',
    show: 'Anzeigen',
    back: '◀ Zurück',
    articleInEnglish: 'Meine Artikel sind auf Englisch: Dies ist der, der am besten zu Ihrer Frage passt.',
    summarisedFrom: (sources) => `In eigenen Worten zusammengefasst aus ${sources === 1 ? 'der Quelle' : 'den Quellen'} unten.`,
    notWhatYouAsked: (helpDesk, inChannel) =>
      `Nicht Ihre Frage? Fragen Sie mit anderen Worten${inChannel ? '' : ', tippen Sie **help**'} oder wenden Sie sich an ${helpDesk}.`,
    writtenByAi: (articles, sources) =>
      `Von einer KI nur aus ${articles === 1 ? 'diesem Artikel' : 'diesen Artikeln'} von uns geschrieben (${sources === 1 ? 'die Quelle steht' : 'die Quellen stehen'} unten):`,
    notSureHeading: 'Ich bin nicht sicher, ob ich Sie verstanden habe. Meinten Sie eine dieser Fragen?',
    notSureHint: (helpDesk) => `Wenn keine passt, fragen Sie mit anderen Worten oder wenden Sie sich an ${helpDesk}.`,
    unknownHeading: 'Das weiß ich leider nicht.',
    outsideHeading: (subject) => `Dafür bin ich nicht zuständig: ${subject}.`,
    whatICover:
      'Ich beantworte Fragen zur Multi-Faktor-Authentifizierung (MFA, Anmeldung in zwei Schritten) und zum Senden von E-Mails über Office 365 SMTP mit OAuth. Lieber sage ich, dass ich etwas nicht weiß, als zu raten.',
    languages: 'Sie können auf Englisch, Französisch, Deutsch oder Spanisch fragen; meine Artikel sind auf Englisch.',
    howToAsk: (inChannel, botName) =>
      inChannel
        ? `Was ich sonst kann: erwähnen Sie mich und schreiben Sie **help** (@${botName} help).`
        : 'Was ich sonst kann: tippen Sie **help**.',
    askHelpDesk: (helpDesk) => `Für alles andere wenden Sie sich bitte an ${helpDesk}.`,
    greeting: (botName) =>
      `Hallo! Ich bin ${botName}. Fragen Sie mich zur Anmeldung mit MFA, zu Microsoft Authenticator, Passkeys oder zum Senden von E-Mails über Office 365 mit OAuth.`,
    thanks: 'Gern geschehen. Fragen Sie jederzeit wieder.',
    goodbye: 'Auf Wiedersehen, und melden Sie sich sicher an.',
    statusButton: 'Bin ich eingerichtet?',
    helpButton: 'Was ich kann',
    about: (botName) => `Ich bin ${botName}, ein Bot, der allen hier hilft, sich sicher mit Multi-Faktor-Authentifizierung anzumelden.`,
  },
  es: {
    steps: 'Pasos',
    goodToKnow: 'Conviene saber',
    relatedQuestions: 'Preguntas relacionadas',
    show: 'Ver',
    back: '◀ Volver',
    articleInEnglish: 'Mis artículos están en inglés: este es el que mejor responde a su pregunta.',
    summarisedFrom: (sources) => `Resumido con nuestras palabras a partir de ${sources === 1 ? 'la fuente' : 'las fuentes'} de abajo.`,
    notWhatYouAsked: (helpDesk, inChannel) =>
      `¿No era su pregunta? Pregunte de otra forma${inChannel ? '' : ', escriba **help**'} o consulte a ${helpDesk}.`,
    writtenByAi: (articles, sources) =>
      `Escrito por IA solo a partir de ${articles === 1 ? 'este artículo' : 'estos artículos'} nuestros (${sources === 1 ? 'su fuente está' : 'sus fuentes están'} abajo):`,
    notSureHeading: 'No estoy seguro de haberle entendido. ¿Quería decir una de estas?',
    notSureHint: (helpDesk) => `Si no es ninguna, pregunte de otra forma o consulte a ${helpDesk}.`,
    unknownHeading: 'Lo siento, no sé la respuesta.',
    outsideHeading: (subject) => `Ese tema no es el mío: ${subject}.`,
    whatICover:
      'Respondo preguntas sobre la autenticación multifactor (MFA, verificación en dos pasos) y sobre el envío de correo por SMTP de Office 365 con OAuth. Prefiero decir que no lo sé antes que adivinar.',
    languages: 'Puede preguntar en inglés, francés, alemán o español; mis artículos están en inglés.',
    howToAsk: (inChannel, botName) =>
      inChannel
        ? `Para ver qué más puedo hacer, mencióneme y escriba **help** (@${botName} help).`
        : 'Para ver qué más puedo hacer, escriba **help**.',
    askHelpDesk: (helpDesk) => `Para todo lo demás, consulte a ${helpDesk}.`,
    greeting: (botName) =>
      `¡Hola! Soy ${botName}. Pregúnteme sobre el inicio de sesión con MFA, Microsoft Authenticator, las claves de acceso (passkeys) o el envío de correo por Office 365 con OAuth.`,
    thanks: 'De nada. Pregúnteme cuando quiera.',
    goodbye: 'Adiós, e inicie sesión con seguridad.',
    statusButton: '¿Estoy configurado?',
    helpButton: 'Qué puedo hacer',
    about: (botName) => `Soy ${botName}, un bot que ayuda a todos aquí a iniciar sesión de forma segura con autenticación multifactor.`,
  },
};
