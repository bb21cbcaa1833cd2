import { execFileSync } from 'node:child_process';

/**
 * The commit a run measured, short, with `+` when the worktree had uncommitted changes: a figure
 * in docs/performance.md is only worth what can be checked out again. Null outside a git checkout.
 */
export function currentCommit(): string | null {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8', cwd: __dirname }).trim();
    return `${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain') ? '+' : ''}`;
  } catch {
    return null;
  }
}
