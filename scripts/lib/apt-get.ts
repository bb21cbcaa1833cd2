import { spawn } from 'node:child_process';

/**
 * Installs Debian packages as root: `apt-get update`, then `apt-get install -y`. Their output goes
 * to this terminal, as a long download should; DEBIAN_FRONTEND=noninteractive keeps any package
 * from stopping to ask a question nobody is there to answer.
 */
export async function aptGetInstall(packages: readonly string[], env: NodeJS.ProcessEnv): Promise<void> {
  await run(['update'], env);
  await run(['install', '-y', ...packages], env);
}

function run(args: readonly string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('apt-get', args, {
      env: { ...env, DEBIAN_FRONTEND: 'noninteractive' },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.once('error', reject);
    child.once('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`apt-get ${args.join(' ')} failed (${signal ?? `exit code ${code}`})`));
    });
  });
}
