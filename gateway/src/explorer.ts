import path from 'node:path';
import express, { type Express } from 'express';
import { methodNotAllowed } from '@mingshi/subgraph-server';
import { explorerExamples } from './explorer-examples';

/**
 * GraphiQL at `/`, served from node_modules (this network has no CDN), with a box to paste a token.
 * The token stays in the browser's localStorage and is sent as `Authorization: Bearer …`.
 */
export function mountExplorer(app: Express): void {
  const graphiql = path.dirname(require.resolve('graphiql/graphiql.min.js'));
  const react = path.join(path.dirname(require.resolve('react/package.json')), 'umd');
  const reactDom = path.join(path.dirname(require.resolve('react-dom/package.json')), 'umd');
  app.use('/explorer/graphiql', express.static(graphiql, { index: false }));
  app.use('/explorer/react', express.static(react, { index: false }));
  app.use('/explorer/react-dom', express.static(reactDom, { index: false }));
  app
    .route('/')
    .get((_req, res) => {
      res.type('html').send(explorerPage(new Date().getFullYear()));
    })
    .all(methodNotAllowed('GET'));
}

/**
 * The page's script, in plain browser JavaScript. GraphiQL fetches the schema once per mount, so
 * it is remounted (a new `key`) with a fetcher bound to each new token: pasting a token replaces
 * "Error fetching schema" without a reload. Without a usable token it shows how to get one instead
 * of a refused request. The payload is decoded (not verified: the gateway does that) only to pick
 * the first query suited to the caller's roles.
 */
function explorerPage(year: number): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8" />
  <title>Mingshi Graph · 名师工作室</title>
  <link rel="stylesheet" href="/explorer/graphiql/graphiql.min.css" />
  <style>
    body { margin: 0; height: 100vh; display: flex; flex-direction: column; font-family: system-ui, sans-serif; }
    header { display: flex; gap: 8px; align-items: center; padding: 8px 12px; background: #1f2937; color: #fff; }
    header input { flex: 1; font-family: monospace; padding: 4px 6px; }
    #caller { font-size: 0.9em; opacity: 0.8; }
    #graphiql { flex: 1; min-height: 0; }
    .notice { max-width: 40em; margin: 4em auto; line-height: 1.6; color: #1f2937; }
    .notice code { background: #f3f4f6; padding: 2px 4px; }
  </style>
</head>
<body>
  <header>
    <strong>Mingshi Graph</strong>
    <label for="token">Token</label>
    <input id="token" placeholder="Paste the token printed by npm start or npm run token" />
    <span id="caller"></span>
  </header>
  <div id="graphiql"></div>
  <script src="/explorer/react/react.production.min.js"></script>
  <script src="/explorer/react-dom/react-dom.production.min.js"></script>
  <script src="/explorer/graphiql/graphiql.min.js"></script>
  <script>
    const EXAMPLES = ${JSON.stringify(explorerExamples(year))};
    const input = document.getElementById('token');
    const caller = document.getElementById('caller');
    const root = ReactDOM.createRoot(document.getElementById('graphiql'));
    const h = React.createElement;

    function claimsOf(token) {
      try {
        const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
        const bytes = Uint8Array.from(atob(payload), (c) => c.charCodeAt(0));
        const claims = JSON.parse(new TextDecoder().decode(bytes));
        return claims && typeof claims === 'object' ? claims : null;
      } catch {
        return null;
      }
    }

    function notice(...children) {
      caller.textContent = '';
      root.render(h('div', { className: 'notice' }, ...children));
    }

    function show(token) {
      if (!token) {
        return notice(
          h('h2', null, 'Paste a token to explore the graph'),
          h('p', null, 'Every request needs one. ', h('code', null, 'npm start'), ' prints sample tokens; ',
            h('code', null, 'npm run token -- --role COUNTY_OFFICE --region 510403'), ' makes another.'),
        );
      }
      const claims = claimsOf(token);
      if (!claims) return notice(h('h2', null, 'That is not a token'), h('p', null, 'A token is three base64url parts joined by dots.'));
      if (typeof claims.exp === 'number' && claims.exp * 1000 <= Date.now()) {
        return notice(h('h2', null, 'The token expired at ' + new Date(claims.exp * 1000).toISOString()), h('p', null, 'Paste a new one.'));
      }
      const roles = Array.isArray(claims.roles) ? claims.roles : [];
      caller.textContent = roles.join(', ') + (claims.region ? ' @ ' + claims.region : '');
      const example = EXAMPLES.find((e) => e.roles.some((role) => roles.includes(role)));
      const fetcher = GraphiQL.createFetcher({ url: '/graphql', headers: { Authorization: 'Bearer ' + token } });
      // schemaDescription: the docs pane opens on what the graph is (GRAPH_DESCRIPTION), not GraphiQL's stock text.
      root.render(h(GraphiQL, { key: token, fetcher, schemaDescription: true, query: example ? example.query : undefined, defaultEditorToolsVisibility: true }));
    }

    let pending;
    input.value = localStorage.getItem('mingshi-token') || '';
    input.addEventListener('input', () => {
      clearTimeout(pending);
      pending = setTimeout(() => {
        const token = input.value.trim();
        localStorage.setItem('mingshi-token', token);
        show(token);
      }, 300);
    });
    show(input.value.trim());
  </script>
</body>
</html>`;
}
