import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { render, synthesize } from './cdk8s/app';
import { SICHUAN } from './cdk8s/provinces/sichuan';
import { mingshiDashboard } from './grafana/dashboard';

/**
 * `npm run manifests`: writes the committed province's Kubernetes manifests to deploy/k8s/province
 * and the Grafana dashboard to deploy/grafana. Both are generated; test/deploy fails when what is
 * committed differs from a fresh run.
 */
export const MANIFESTS_DIR = path.join(__dirname, 'k8s', 'province');
export const DASHBOARD_FILE = path.join(__dirname, 'grafana', 'mingshi-dashboard.json');

export function dashboardJson(): string {
  return `${JSON.stringify(mingshiDashboard(), null, 2)}\n`;
}

function main(): void {
  mkdirSync(MANIFESTS_DIR, { recursive: true });
  for (const stale of readdirSync(MANIFESTS_DIR).filter((file) => file.endsWith('.yaml'))) {
    rmSync(path.join(MANIFESTS_DIR, stale));
  }
  for (const [file, text] of render(SICHUAN, synthesize(SICHUAN))) {
    writeFileSync(path.join(MANIFESTS_DIR, file), text);
    console.log(path.relative(process.cwd(), path.join(MANIFESTS_DIR, file)));
  }
  writeFileSync(DASHBOARD_FILE, dashboardJson());
  console.log(path.relative(process.cwd(), DASHBOARD_FILE));
}

if (require.main === module) main();
