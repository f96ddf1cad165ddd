import type { SmtpSender } from '../../../src/domain/smtp/smtp-sender';
import { csvCell, ExportOutdatedError, exportPosture, postureCsv } from '../../../src/use-cases/export-posture';
import { InMemoryDownloadVault } from '../../fakes/in-memory-download-vault';
import { InMemoryPostureStore } from '../../fakes/in-memory-posture-store';
import { MIXED_TENANT, scan, T0 } from '../../contract/storage/posture-scans';

describe('csvCell', () => {
  it('leaves plain text alone and quotes what needs quoting', () => {
    expect(csvCell('Adele Vance')).toBe('Adele Vance');
    expect(csvCell('Vance, Adele')).toBe('"Vance, Adele"');
    expect(csvCell('the "boss"')).toBe('"the ""boss"""');
    expect(csvCell(true)).toBe('true');
  });

  it('keeps a spreadsheet from running a cell as a formula', () => {
    expect(csvCell('=HYPERLINK("http://evil.example","x")')).toBe(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(csvCell('+1 555')).toBe(`"'+1 555"`);
    expect(csvCell('-2')).toBe(`"'-2"`);
    expect(csvCell('@SUM(A1)')).toBe(`"'@SUM(A1)"`);
  });
});

describe('exportPosture and postureCsv', () => {
  const NOW = new Date('2026-12-07T10:00:00.000Z');

  async function collectAll(chunks: AsyncIterable<string>): Promise<string> {
    let text = '';
    for await (const chunk of chunks) text += chunk;
    return text;
  }

  async function exported(store: InMemoryPostureStore) {
    const vault = new InMemoryDownloadVault();
    const answer = await exportPosture({ store, vault, now: () => NOW }, 'admin-1');
    if (answer.kind !== 'ready') throw new Error('expected an export');
    const file = await vault.collect(answer.token, NOW);
    if (!file || !('statusOfScan' in file)) throw new Error('expected a link to a scan');
    return { answer, scanId: file.statusOfScan };
  }

  it('makes a link to the latest scan, and writes its people page by page, everyone once, guests and disabled too', async () => {
    const store = new InMemoryPostureStore();
    await scan(store, MIXED_TENANT);
    const { answer, scanId } = await exported(store);

    const senders = new Map([['u4', { signIns: 3, lastSeen: NOW } as SmtpSender]]);
    const csv = await collectAll(postureCsv({ store, smtpPasswordSenders: async () => senders }, scanId, 2));

    const [header, ...rows] = csv.trimEnd().split('\r\n');
    expect(header).toMatch(/^displayName,userPrincipalName,/);
    expect(answer.people).toBe(MIXED_TENANT.length);
    expect(rows.map((row) => row.split(',')[1])).toEqual(MIXED_TENANT.map((user) => user.entry.userPrincipalName).sort());
    expect(rows.find((row) => row.includes('u4@'))).toMatch(/,3,2026-12-07T10:00:00.000Z$/);
  });

  it('says the export is outdated, before writing anything, when a newer scan replaced its scan', async () => {
    const store = new InMemoryPostureStore();
    await scan(store, MIXED_TENANT);
    const { scanId } = await exported(store);
    await scan(store, MIXED_TENANT.slice(0, 3), { at: new Date(T0.getTime() + 86_400_000) });

    const chunks = postureCsv({ store }, scanId)[Symbol.asyncIterator]();
    await expect(chunks.next()).rejects.toBeInstanceOf(ExportOutdatedError);
  });

  it('fails instead of ending a file cut short when a newer scan replaces its scan part-way', async () => {
    const store = new InMemoryPostureStore();
    await scan(store, MIXED_TENANT);
    const { scanId } = await exported(store);
    const chunks = postureCsv({ store }, scanId, 2)[Symbol.asyncIterator]();
    await chunks.next(); // the header
    await chunks.next(); // the first two people

    await scan(store, MIXED_TENANT.slice(0, 3), { at: new Date(T0.getTime() + 86_400_000) });

    await expect(collectAll({ [Symbol.asyncIterator]: () => chunks })).rejects.toBeInstanceOf(ExportOutdatedError);
  });
});
