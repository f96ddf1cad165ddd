import { mkdtemp, writeFile, cp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KnowledgeBaseError, loadKnowledgeBase } from '../../../src/adapters/knowledge/knowledge-base';
import { loadOutsideTopics, parseOutsideTopics } from '../../../src/adapters/knowledge/outside-topics-file';

const ROOT = join(__dirname, '../../../knowledge');
const three = ['one question', 'another question', 'a third question'];

describe('the topics the bot declines (outside-topics.yaml)', () => {
  it('reads each topic with its id, title and questions', () => {
    const yaml = '- id: hr-and-pay\n  title: HR and pay\n  questions: [see my payslip, book leave, claim expenses]\n';
    expect(parseOutsideTopics(yaml, 'f.yaml')).toEqual([{ id: 'hr-and-pay', title: 'HR and pay', questions: ['see my payslip', 'book leave', 'claim expenses'] }]);
  });

  it.each([
    ['not a list', 'id: x', 'must be a list of topics'],
    ['not YAML', '- id: [unclosed', 'not valid YAML'],
    ['a bad id', JSON.stringify([{ id: 'Bad Id', title: 't', questions: three }]), 'topic 1: id must be kebab-case'],
    ['an id used twice', JSON.stringify([{ id: 'a', title: 't', questions: three }, { id: 'a', title: 'u', questions: three }]), 'topic 2: id "a" is used twice'],
    ['no title', JSON.stringify([{ id: 'a', questions: three }]), 'topic 1 (a): "title" is missing'],
    ['too few questions', JSON.stringify([{ id: 'a', title: 't', questions: ['only one'] }]), 'topic 1 (a): "questions" must list at least 3'],
  ])('refuses %s, naming the file and the reason', (_case, text, reason) => {
    expect(() => parseOutsideTopics(text, 'knowledge/outside-topics.yaml')).toThrow(`knowledge/outside-topics.yaml: ${reason}`);
  });

  it('means no topics when the folder has no such file', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'mfa-coach-kb-'));
    try {
      expect(await loadOutsideTopics(empty, 'outside-topics.yaml')).toEqual([]);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });

  it('loads the real file with the knowledge base: topics exist and none shares an id with an article', async () => {
    const { articles, outsideTopics } = await loadKnowledgeBase(ROOT);
    expect(outsideTopics.length).toBeGreaterThanOrEqual(5);
    const ids = new Set(articles.map((article) => article.id));
    expect(outsideTopics.filter((topic) => ids.has(topic.id))).toEqual([]);
  });

  it('stops the start when a topic takes an article\'s id', async () => {
    const copy = await mkdtemp(join(tmpdir(), 'mfa-coach-kb-'));
    try {
      await cp(ROOT, copy, { recursive: true });
      await writeFile(join(copy, 'outside-topics.yaml'), JSON.stringify([{ id: 'public-wifi', title: 'Wi-Fi', questions: three }]));
      await expect(loadKnowledgeBase(copy)).rejects.toThrow(KnowledgeBaseError);
      await expect(loadKnowledgeBase(copy)).rejects.toThrow('topic id "public-wifi" is also an article\'s id');
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  });
});
