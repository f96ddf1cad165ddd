import { DEFAULT_SENDING_HOURS } from '../../../../src/domain/nudges/quiet-hours';
import pino from 'pino';
import type { BotDependencies } from '../../../../src/adapters/bot/bot-dependencies';
import { PrivateSender } from '../../../../src/adapters/bot/private-sender';
import { InMemoryLiveCheckBudget } from '../../../../src/adapters/in-memory-live-check-budget';
import type { Article } from '../../../../src/domain/guidance/article';
import type { MethodKind } from '../../../../src/domain/mfa/method-kind';
import { DEFAULT_CLASSIFICATION_POLICY } from '../../../../src/domain/mfa/mfa-strength';
import type { AuditEntry } from '../../../../src/domain/ports/audit-log';
import type { StoredConversationReference } from '../../../../src/domain/ports/conversation-reference-store';
import type { KnowledgeHit, KnowledgeSearch } from '../../../../src/domain/ports/knowledge-search';
import { AdminAuthorizer } from '../../../../src/use-cases/authorize-admin';
import { fakeUser } from '../../../fakes/fake-user';
import { InMemoryDirectory } from '../../../fakes/in-memory-directory';

/** The people of the test tenant: one of each role. The employee still signs in with text messages. */
export const PEOPLE = {
  employee: { aadObjectId: 'employee-1', name: 'Adele Vance', methods: ['sms'] },
  admin: { aadObjectId: 'admin-1', name: 'Megan Bowen', methods: ['authenticatorPush'] },
  campaignManager: { aadObjectId: 'manager-1', name: 'Lee Gu', methods: ['authenticatorPush'] },
} as const satisfies Record<string, { aadObjectId: string; name: string; methods: readonly MethodKind[] }>;

export const ARTICLE: Article = {
  id: 'set-up-microsoft-authenticator',
  title: 'Set up Microsoft Authenticator',
  audience: 'employee',
  tags: ['authenticator', 'app'],
  questions: ['How do I set up the Authenticator app?'],
  sources: ['https://learn.microsoft.com/entra/identity/authentication/concept-authentication-authenticator-app'],
  shortAnswer: 'Install Microsoft Authenticator on your phone, then add your work account at My Sign-Ins.',
  steps: ['Install the app.', 'Open My Sign-Ins and add the app.'],
  goodToKnow: [],
};

/** A knowledge base of one article, found by its tags: a question with one of them gets it as a confident answer. */
function oneArticleKnowledge(): KnowledgeSearch {
  const hits = (question: string): KnowledgeHit[] =>
    ARTICLE.tags.some((tag) => question.toLowerCase().includes(tag)) ? [{ article: ARTICLE, score: 100, coverage: 1 }] : [];
  return {
    search: (question) => hits(question),
    lookUp: (question) => ({ hits: hits(question) }),
    article: (id) => (id === ARTICLE.id ? ARTICLE : undefined),
  };
}

/** A part of the bot these tests never reach: any use of it fails the test with its name. */
function notInTheseTests<T>(what: string): T {
  return new Proxy({} as object, {
    get: (_target, field) => {
      throw new Error(`the bot used ${what} (${String(field)}), which these tests do not provide`);
    },
  }) as T;
}

/**
 * What the bot's routes need, in memory: the directory knows the three people and their methods, roles come from
 * allow-lists, nothing is stored but in maps, and the parts no route under test reaches throw.
 */
export function fakeBotDependencies(tenantId: string) {
  const directory = new InMemoryDirectory(
    Object.values(PEOPLE).map((person) => fakeUser(person.aadObjectId, { displayName: person.name, methods: [...person.methods] })),
  );
  const references = new Map<string, StoredConversationReference>();
  const audit: AuditEntry[] = [];
  const logs: Record<string, unknown>[] = [];
  const referenceStore: BotDependencies['references'] = {
    save: async (reference) => void references.set(reference.conversationId, reference),
    findPersonalByUser: async (id) => [...references.values()].find((r) => r.scope === 'personal' && r.userAadObjectId === id),
    markUninstalled: async (conversationId) => void references.delete(conversationId),
  };
  const role = (id: string) => new AdminAuthorizer(directory, { groupIds: [], allowList: [id], cacheSeconds: 60 });
  const deps: BotDependencies = {
    botName: 'MFA Coach',
    tenantId,
    references: referenceStore,
    directory,
    policy: DEFAULT_CLASSIFICATION_POLICY,
    nudgeTarget: 'authenticator',
    sendingHours: DEFAULT_SENDING_HOURS,
    liveChecks: new InMemoryLiveCheckBudget(),
    logger: pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>) }),
    now: () => new Date('2026-03-02T09:00:00Z'),
    // No personal chat is stored in these tests unless one installs it; nothing is sent proactively.
    privateSender: new PrivateSender(notInTheseTests('proactive sending'), referenceStore, ''),
    knowledge: oneArticleKnowledge(),
    helpDesk: 'the IT help desk',
    nudges: { actions: notInTheseTests('the nudge store') },
    campaigns: {
      managers: role(PEOPLE.campaignManager.aadObjectId),
      manage: notInTheseTests('the campaign store'),
      vault: notInTheseTests('the download vault'),
      sendTest: async () => ({ kind: 'sent' }),
      publicUrl: () => undefined,
    },
    admin: {
      authorizer: role(PEOPLE.admin.aadObjectId),
      auditLog: {
        record: async (entry) => void audit.push(entry),
        latest: async (limit) => audit.slice(-limit).reverse(),
        inOrder: () => Promise.reject(new Error('the bot read the whole audit log, which these tests do not provide')),
        deleteBefore: () => Promise.reject(new Error('the bot purged the audit log, which these tests do not provide')),
      },
      contact: 'it-security@contoso.example',
      doctor: notInTheseTests('the doctor'),
      policies: notInTheseTests('the tenant policies'),
      // No policy-admin group: the `policy` card is read-only and the campaign is never changed here.
      policyChanges: { policies: notInTheseTests('the registration campaign changes') },
      smtp: notInTheseTests('the SMTP AUTH senders'),
      smtpNudge: notInTheseTests("the SMTP AUTH owners' nudges"),
      answers: () => notInTheseTests('the posture store'),
    },
  };
  return { deps, references, audit, logs };
}
