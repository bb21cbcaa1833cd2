import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { composeSupergraph } from '../src/compose';

/** `npm run compose`: writes gateway/supergraph.graphql, or exits 1 naming each composition error. */
try {
  const out = path.join(__dirname, '..', 'supergraph.graphql');
  writeFileSync(out, composeSupergraph());
  console.log(`composed ${path.relative(process.cwd(), out)}`);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
