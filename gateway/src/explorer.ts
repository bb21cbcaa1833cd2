import path from 'node:path';
import express, { type Express } from 'express';

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
  app.get('/', (_req, res) => {
    res.type('html').send(PAGE);
  });
}

const PAGE = `<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8" />
  <title>Mingshi Graph · 名师工作室</title>
  <link rel="stylesheet" href="/explorer/graphiql/graphiql.min.css" />
  <style>
    body { margin: 0; height: 100vh; display: flex; flex-direction: column; font-family: system-ui, sans-serif; }
    header { display: flex; gap: 8px; align-items: center; padding: 8px 12px; background: #1f2937; color: #fff; }
    header input { flex: 1; font-family: monospace; padding: 4px 6px; }
    #graphiql { flex: 1; min-height: 0; }
  </style>
</head>
<body>
  <header>
    <strong>Mingshi Graph</strong>
    <label for="token">Token</label>
    <input id="token" placeholder="Paste the token printed by npm start or npm run token" />
  </header>
  <div id="graphiql">Loading…</div>
  <script src="/explorer/react/react.production.min.js"></script>
  <script src="/explorer/react-dom/react-dom.production.min.js"></script>
  <script src="/explorer/graphiql/graphiql.min.js"></script>
  <script>
    const input = document.getElementById('token');
    input.value = localStorage.getItem('mingshi-token') || '';
    input.addEventListener('change', () => localStorage.setItem('mingshi-token', input.value.trim()));
    const fetcher = GraphiQL.createFetcher({
      url: '/graphql',
      fetch: (url, init) => {
        const headers = new Headers(init.headers);
        const token = input.value.trim();
        if (token) headers.set('Authorization', 'Bearer ' + token);
        return fetch(url, { ...init, headers });
      },
    });
    ReactDOM.createRoot(document.getElementById('graphiql')).render(
      React.createElement(GraphiQL, { fetcher, defaultEditorToolsVisibility: true }),
    );
  </script>
</body>
</html>`;
