import { loadConfig } from '@mingshi/config';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { deletePrefix } from './delete-prefix';
import { LocalDirectoryStore } from './local-directory-store';
import { InvalidObjectKeyError } from './object-key';
import { ObjectNotFoundError, type ObjectStore } from './object-store';
import { S3ObjectStore } from './s3-object-store';
import { objectStoreEnv, s3ClientFor } from './store-config';
import { startS3TestServer } from './testing/s3-test-server';

/**
 * One contract, two stores: whatever a section worker or the assembler relies on must hold for the
 * local directory and for S3 alike, so switching REPORT_STORE changes nothing but where bytes live.
 */
interface Subject {
  store: ObjectStore;
  dispose(): Promise<void>;
}

async function localSubject(): Promise<Subject> {
  const dir = await mkdtemp(path.join(tmpdir(), 'mingshi-store-'));
  return { store: new LocalDirectoryStore(dir), dispose: () => rm(dir, { recursive: true, force: true }) };
}

async function s3Subject(): Promise<Subject> {
  const server = await startS3TestServer();
  const env = {
    REPORT_STORE: 's3',
    S3_ENDPOINT: server.endpoint,
    S3_BUCKET: server.bucket,
    S3_ACCESS_KEY_ID: server.accessKeyId,
    S3_SECRET_ACCESS_KEY: server.secretAccessKey,
  };
  const config = loadConfig(objectStoreEnv(env), env);
  // Two keys a page, so every listing below of more than two objects crosses pages.
  const store = new S3ObjectStore({ client: s3ClientFor(config), bucket: server.bucket, pageSize: 2 });
  return {
    store,
    dispose: async () => {
      await store.close();
      await server.stop();
    },
  };
}

const MiB = 1024 * 1024;

/** Bytes that differ from position to position, so a lost or repeated chunk changes the digest. */
function pattern(size: number): Buffer {
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i += 1) bytes[i] = (i * 31 + (i >> 8)) & 0xff;
  return bytes;
}

function chunked(bytes: Buffer, chunkSize: number): Readable {
  return Readable.from(
    (function* () {
      for (let offset = 0; offset < bytes.length; offset += chunkSize)
        yield bytes.subarray(offset, offset + chunkSize);
    })(),
  );
}

/** A body that sends `bytes` and then fails, as a section whose query breaks halfway does. */
function failingAfter(bytes: number): Readable {
  return Readable.from(
    (async function* () {
      for (let sent = 0; sent < bytes; sent += 64 * 1024) yield pattern(64 * 1024);
      throw new Error('the section query failed');
    })(),
  );
}

async function read(store: ObjectStore, key: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await store.get(key)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function keys(store: ObjectStore, prefix: string): Promise<string[]> {
  const found: string[] = [];
  for await (const object of store.list(prefix)) found.push(object.key);
  return found.sort();
}

/**
 * A time of the last minute. Compared by value, not `expect.any(Date)`: fs.stat makes its Dates in
 * Node's realm, not the test's, so they are no instance of the test's Date.
 */
function expectRecent(date: Date): void {
  expect(Math.abs(date.getTime() - Date.now())).toBeLessThan(60_000);
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

const INVALID_KEYS = [
  '',
  '../x',
  'a/../../x',
  '/abs',
  'a//b',
  'a/',
  './a',
  'a/./b',
  'a b',
  'a\\b',
  '名师.ndjson',
  'a?b',
  'a%2Fb',
  'x'.repeat(201),
  `${'abc/'.repeat(256)}x`,
];

describe.each([
  ['LocalDirectoryStore', localSubject],
  ['S3ObjectStore', s3Subject],
])('%s', (_name, open) => {
  let subject: Subject;
  let store: ObjectStore;
  /** A folder of the test's own, so tests share the store without seeing each other. */
  let base: string;

  beforeAll(async () => {
    subject = await open();
    store = subject.store;
  });
  afterAll(() => subject?.dispose());
  beforeEach(() => {
    base = `t-${randomUUID()}`;
  });

  it('gives back the bytes of a Buffer and reports its size', async () => {
    const body = Buffer.from('{"d":"studios","r":{"id":1}}\n');
    await expect(store.put(`${base}/a.ndjson`, body, 'application/x-ndjson')).resolves.toEqual({ size: 29 });
    expect(await read(store, `${base}/a.ndjson`)).toEqual(body);
    const stat = await store.stat(`${base}/a.ndjson`);
    expect({ key: stat?.key, size: stat?.size }).toEqual({ key: `${base}/a.ndjson`, size: 29 });
    expectRecent(stat!.lastModified);
  });

  it('stores an empty object', async () => {
    await expect(store.put(`${base}/empty`, Buffer.alloc(0), 'text/plain')).resolves.toEqual({ size: 0 });
    expect(await read(store, `${base}/empty`)).toEqual(Buffer.alloc(0));
    expect((await store.stat(`${base}/empty`))?.size).toBe(0);
  });

  it('streams a multi-megabyte body in and out unchanged (several S3 parts)', async () => {
    const bytes = pattern(12 * MiB + 7);
    const { size } = await store.put(
      `${base}/big.bin`,
      chunked(bytes, 64 * 1024),
      'application/octet-stream',
    );
    expect(size).toBe(12 * MiB + 7);
    expect((await store.stat(`${base}/big.bin`))?.size).toBe(12 * MiB + 7);
    expect(sha256(await read(store, `${base}/big.bin`))).toBe(sha256(bytes));
  });

  it('keeps Chinese UTF-8 text intact even when chunks split its characters', async () => {
    const text = '名师工作室年度报告：优秀、合格、基本合格、不合格。\n'.repeat(500);
    const bytes = Buffer.from(text, 'utf8');
    // 7-byte chunks cut most three-byte characters in two.
    const { size } = await store.put(`${base}/report.csv`, chunked(bytes, 7), 'text/csv; charset=utf-8');
    expect(size).toBe(bytes.length);
    expect((await read(store, `${base}/report.csv`)).toString('utf8')).toBe(text);
  });

  it('answers null and ObjectNotFoundError for what is not stored', async () => {
    await expect(store.stat(`${base}/missing`)).resolves.toBeNull();
    await expect(store.get(`${base}/missing`)).rejects.toMatchObject({
      name: 'ObjectNotFoundError',
      code: 'OBJECT_NOT_FOUND',
      key: `${base}/missing`,
    });
    await expect(store.get(`${base}/missing`)).rejects.toBeInstanceOf(ObjectNotFoundError);
  });

  it('does not take a folder of keys for an object, nor delete it as one', async () => {
    await store.put(`${base}/folder/inside.txt`, Buffer.from('x'), 'text/plain');
    await expect(store.stat(`${base}/folder`)).resolves.toBeNull();
    await expect(store.get(`${base}/folder`)).rejects.toBeInstanceOf(ObjectNotFoundError);
    await expect(store.delete(`${base}/folder`)).resolves.toBeUndefined();
    expect(await keys(store, `${base}/`)).toEqual([`${base}/folder/inside.txt`]);
  });

  it('replaces an object on a second put, shorter or not', async () => {
    await store.put(`${base}/a.txt`, Buffer.from('the first, longer version'), 'text/plain');
    await expect(store.put(`${base}/a.txt`, Buffer.from('second'), 'text/plain')).resolves.toEqual({
      size: 6,
    });
    expect((await read(store, `${base}/a.txt`)).toString()).toBe('second');
    expect((await store.stat(`${base}/a.txt`))?.size).toBe(6);
  });

  it('deletes, and deleting again or deleting what never was is no error', async () => {
    await store.put(`${base}/a.txt`, Buffer.from('a'), 'text/plain');
    await store.delete(`${base}/a.txt`);
    await expect(store.stat(`${base}/a.txt`)).resolves.toBeNull();
    await expect(store.get(`${base}/a.txt`)).rejects.toBeInstanceOf(ObjectNotFoundError);
    await expect(store.delete(`${base}/a.txt`)).resolves.toBeUndefined();
    await expect(store.delete(`${base}/never/was.txt`)).resolves.toBeUndefined();
  });

  it('lists nested keys by folder and by partial segment, with their sizes', async () => {
    await store.put(`${base}/r1/report.xlsx`, Buffer.from('1'), 'application/octet-stream');
    await store.put(`${base}/r1/sections/finance.ndjson`, Buffer.from('22'), 'application/x-ndjson');
    await store.put(`${base}/r1/sections/deep/er.ndjson`, Buffer.from('333'), 'application/x-ndjson');
    await store.put(`${base}/r12/report.pdf`, Buffer.from('4444'), 'application/pdf');

    const listed = [];
    for await (const { key, size, lastModified } of store.list(`${base}/r1/`)) {
      expectRecent(lastModified);
      listed.push({ key, size });
    }
    expect(listed.sort((a, b) => a.key.localeCompare(b.key))).toEqual([
      { key: `${base}/r1/report.xlsx`, size: 1 },
      { key: `${base}/r1/sections/deep/er.ndjson`, size: 3 },
      { key: `${base}/r1/sections/finance.ndjson`, size: 2 },
    ]);
    expect(await keys(store, `${base}/r1/sections/`)).toEqual([
      `${base}/r1/sections/deep/er.ndjson`,
      `${base}/r1/sections/finance.ndjson`,
    ]);
    expect(await keys(store, `${base}/r1`)).toEqual([
      `${base}/r1/report.xlsx`,
      `${base}/r1/sections/deep/er.ndjson`,
      `${base}/r1/sections/finance.ndjson`,
      `${base}/r12/report.pdf`,
    ]);
    expect(await keys(store, `${base}/r1/sec`)).toEqual([
      `${base}/r1/sections/deep/er.ndjson`,
      `${base}/r1/sections/finance.ndjson`,
    ]);
    expect(await keys(store, `${base}/r1/report.xlsx`)).toEqual([`${base}/r1/report.xlsx`]);
    expect(await keys(store, `${base}/none/`)).toEqual([]);
    expect(await keys(store, '')).toEqual(expect.arrayContaining([`${base}/r12/report.pdf`]));
  });

  it('deletes a folder whole with deletePrefix and nothing beside it', async () => {
    const inside = [
      ...Array.from({ length: 9 }, (_, i) => `${base}/r1/sections/s${i}.ndjson`),
      `${base}/r1/report.xlsx`,
      `${base}/r1/a/b/c.csv`,
    ];
    const beside = [`${base}/r10/keep.csv`, `${base}/r2/keep.csv`, `${base}/r1.txt`];
    for (const key of [...inside, ...beside]) await store.put(key, Buffer.from(key), 'text/plain');

    await expect(deletePrefix(store, `${base}/r1/`)).resolves.toBe(inside.length);
    expect(await keys(store, `${base}/`)).toEqual([...beside].sort());
    await expect(deletePrefix(store, `${base}/r1/`)).resolves.toBe(0);
  });

  it('refuses deletePrefix on anything but a folder', async () => {
    await store.put(`${base}/r1/a.csv`, Buffer.from('a'), 'text/plain');
    for (const prefix of ['', `${base}/r1`, `${base}/r`, '../', '/']) {
      await expect(deletePrefix(store, prefix)).rejects.toBeInstanceOf(InvalidObjectKeyError);
    }
    expect(await keys(store, `${base}/`)).toEqual([`${base}/r1/a.csv`]);
  });

  const namedKeys = INVALID_KEYS.map((key) => [
    key.length > 40 ? `of ${key.length} characters` : JSON.stringify(key),
    key,
  ]);
  it.each(namedKeys)('refuses the key %s for every operation', async (_label, key) => {
    const refused = { name: 'InvalidObjectKeyError', code: 'INVALID_OBJECT_KEY' };
    await expect(store.put(key, Buffer.from('x'), 'text/plain')).rejects.toMatchObject(refused);
    await expect(store.get(key)).rejects.toMatchObject(refused);
    await expect(store.stat(key)).rejects.toMatchObject(refused);
    await expect(store.delete(key)).rejects.toMatchObject(refused);
  });

  it.each([['../'], ['/abs'], ['a//'], ['a/../'], ['a b'], ['名师/']])(
    'refuses to list the prefix %j',
    async (prefix) => {
      await expect(keys(store, prefix)).rejects.toBeInstanceOf(InvalidObjectKeyError);
    },
  );

  it('leaves no object when the body fails midway, in the first part or after several', async () => {
    for (const [key, bytes] of [
      [`${base}/small-failure`, 1 * MiB],
      [`${base}/large-failure`, 11 * MiB],
    ] as const) {
      await expect(store.put(key, failingAfter(bytes), 'text/plain')).rejects.toThrow(
        'the section query failed',
      );
      await expect(store.stat(key)).resolves.toBeNull();
    }
    expect(await keys(store, `${base}/`)).toEqual([]);
  });

  it('leaves no object when the writer destroys its body, as an abandoned section does', async () => {
    const body = new PassThrough();
    const stored = store.put(`${base}/abandoned.ndjson`, body, 'application/x-ndjson');
    body.write(pattern(MiB));
    await sleep(50);
    body.destroy();
    await expect(stored).rejects.toThrow();
    await expect(store.stat(`${base}/abandoned.ndjson`)).resolves.toBeNull();
    expect(await keys(store, `${base}/`)).toEqual([]);
  });

  it('keeps the previous object when a replacing body fails', async () => {
    await store.put(`${base}/a.txt`, Buffer.from('good'), 'text/plain');
    await expect(store.put(`${base}/a.txt`, failingAfter(MiB), 'text/plain')).rejects.toThrow(
      'the section query failed',
    );
    expect((await read(store, `${base}/a.txt`)).toString()).toBe('good');
  });

  it('shows nothing of an object until its body has ended', async () => {
    const body = new PassThrough();
    const stored = store.put(`${base}/slow.ndjson`, body, 'application/x-ndjson');
    body.write(pattern(MiB));
    await sleep(50);
    await expect(store.stat(`${base}/slow.ndjson`)).resolves.toBeNull();
    expect(await keys(store, `${base}/`)).toEqual([]);
    body.end(pattern(MiB));
    await expect(stored).resolves.toEqual({ size: 2 * MiB });
    expect((await store.stat(`${base}/slow.ndjson`))?.size).toBe(2 * MiB);
  });
});
