import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { deletePrefix } from './delete-prefix';
import { LocalDirectoryStore } from './local-directory-store';
import { InvalidObjectKeyError } from './object-key';

/** What the local store leaves on disk, beyond what the contract suite can see through the interface. */
describe('LocalDirectoryStore on disk', () => {
  let parent: string;
  let root: string;
  let store: LocalDirectoryStore;

  beforeEach(async () => {
    parent = await mkdtemp(path.join(tmpdir(), 'mingshi-local-store-'));
    root = path.join(parent, 'root');
    store = new LocalDirectoryStore(root);
  });
  afterEach(() => rm(parent, { recursive: true, force: true }));

  const entriesUnder = async (dir: string) => (await readdir(dir, { recursive: true })).sort();

  it('answers nothing, not an error, before anything was stored', async () => {
    await expect(store.stat('reports/a.csv')).resolves.toBeNull();
    const listed = [];
    for await (const object of store.list('')) listed.push(object);
    expect(listed).toEqual([]);
  });

  it('leaves no temporary file behind, whether the body ends or fails', async () => {
    await store.put('reports/r1/ok.csv', Buffer.from('ok'), 'text/csv');
    const failing = Readable.from(
      (async function* () {
        yield Buffer.from('half');
        throw new Error('broken');
      })(),
    );
    await expect(store.put('reports/r1/failed.csv', failing, 'text/csv')).rejects.toThrow('broken');
    expect(await entriesUnder(root)).toEqual(['reports', 'reports/r1', 'reports/r1/ok.csv']);
  });

  it('removes what a writer killed mid-put left, once the key is deleted', async () => {
    // A section worker killed with kill -9 while writing; its retry wrote the file whole.
    await mkdir(path.join(root, 'reports/r1/sections'), { recursive: true });
    await writeFile(path.join(root, 'reports/r1/sections/finance.ndjson~0123456789abcdef.tmp'), 'half');
    await store.put('reports/r1/sections/finance.ndjson', Buffer.from('whole'), 'application/x-ndjson');
    await store.put('reports/r1/report.csv', Buffer.from('report'), 'text/csv');

    await deletePrefix(store, 'reports/r1/sections/');
    expect(await entriesUnder(root)).toEqual(['reports', 'reports/r1', 'reports/r1/report.csv']);
  });

  it('writes nothing outside its root for a key that tries to climb out', async () => {
    await expect(store.put('../escaped', Buffer.from('x'), 'text/plain')).rejects.toBeInstanceOf(
      InvalidObjectKeyError,
    );
    await expect(store.put('a/../../escaped', Buffer.from('x'), 'text/plain')).rejects.toBeInstanceOf(
      InvalidObjectKeyError,
    );
    expect(await readdir(parent)).toEqual([]);
  });

  it('removes folders a delete leaves empty, up to the root and no further', async () => {
    await store.put('reports/r1/sections/finance.ndjson', Buffer.from('1'), 'application/x-ndjson');
    await store.put('reports/r1/sections/workshop.ndjson', Buffer.from('2'), 'application/x-ndjson');
    await store.put('reports/r2/report.pdf', Buffer.from('3'), 'application/pdf');

    await store.delete('reports/r1/sections/finance.ndjson');
    expect(await entriesUnder(root)).toContain('reports/r1/sections/workshop.ndjson');

    await deletePrefix(store, 'reports/r1/');
    expect(await entriesUnder(root)).toEqual(['reports', 'reports/r2', 'reports/r2/report.pdf']);

    await store.delete('reports/r2/report.pdf');
    expect(await readdir(root)).toEqual([]);
  });

  it('lists only files a key can name', async () => {
    await store.put('reports/r1/a.csv', Buffer.from('a'), 'text/csv');
    await writeFile(path.join(root, 'reports/r1/a.csv~0123456789abcdef.tmp'), 'half-written');
    await writeFile(path.join(root, 'reports/r1/名师.csv'), 'foreign');
    await mkdir(path.join(root, 'reports/r1/with space'));
    await writeFile(path.join(root, 'reports/r1/with space/b.csv'), 'foreign');
    const keys = [];
    for await (const object of store.list('reports/')) keys.push(object.key);
    expect(keys).toEqual(['reports/r1/a.csv']);
  });

  it('keeps every put that races a delete emptying the same folder', async () => {
    // Each round empties a folder (so the delete prunes it) while a put creates a file in it.
    const rounds = Array.from({ length: 200 }, async (_, i) => {
      await store.put(`reports/r${i}/old.csv`, Buffer.from('old'), 'text/csv');
      await Promise.all([
        store.delete(`reports/r${i}/old.csv`),
        store.put(`reports/r${i}/new.csv`, Buffer.from('new'), 'text/csv'),
      ]);
    });
    await Promise.all(rounds);
    const keys = [];
    for await (const object of store.list('reports/')) keys.push(object.key);
    expect(keys.sort()).toEqual(Array.from({ length: 200 }, (_, i) => `reports/r${i}/new.csv`).sort());
  });
});
