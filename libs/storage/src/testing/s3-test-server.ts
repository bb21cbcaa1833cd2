import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

/** An s3rver of a test's own, answering on loopback, with one empty bucket. */
export interface S3TestServer {
  endpoint: string;
  bucket: string;
  /** s3rver accepts any signature; these only give the SDK something to sign with. */
  accessKeyId: string;
  secretAccessKey: string;
  stop(): Promise<void>;
}

/**
 * Runs in a child process because s3rver 3.7 signs ListObjectsV2 continuation tokens with single
 * DES, which OpenSSL 3 (Node ≥ 17) only offers through its legacy provider: without
 * `--openssl-legacy-provider` every truncated listing fails with ERR_OSSL_EVP_UNSUPPORTED
 * (https://github.com/jamhall/s3rver/issues/818). A child also keeps s3rver's logger from
 * installing uncaught-exception handlers in the test's process. The child exits when its stdin
 * closes, so it cannot outlive a test runner that dies.
 */
const SERVER_SCRIPT = `
const S3rver = require(process.argv[1]);
new S3rver(JSON.parse(process.argv[2])).run().then(
  (address) => process.stdout.write(JSON.stringify(address) + '\\n'),
  (error) => { console.error(error); process.exit(1); },
);
process.stdin.on('end', () => process.exit(0)).resume();
`;

export async function startS3TestServer(bucket = 'mingshi-test'): Promise<S3TestServer> {
  const directory = await mkdtemp(path.join(tmpdir(), 'mingshi-s3rver-'));
  const options = {
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  };
  const child = spawn(
    process.execPath,
    ['--openssl-legacy-provider', '-e', SERVER_SCRIPT, require.resolve('s3rver'), JSON.stringify(options)],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const exited = once(child, 'exit');
  const stop = async () => {
    child.stdin.end();
    await exited;
    await rm(directory, { recursive: true, force: true });
  };
  try {
    const [line] = (await Promise.race([
      once(createInterface({ input: child.stdout }), 'line'),
      exited.then(([code]) => {
        throw new Error(`s3rver exited with ${code} before listening`);
      }),
    ])) as [string];
    const { port } = JSON.parse(line) as { port: number };
    return {
      endpoint: `http://127.0.0.1:${port}`,
      bucket,
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
