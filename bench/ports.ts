import net, { type AddressInfo } from 'node:net';

/**
 * A port free right now, for each name. The system's processes must be told their ports (see
 * startSystemProcesses), and fixed ones would meet an `npm start` left running on the defaults.
 */
export async function freePorts(names: readonly string[]): Promise<Record<string, number>> {
  const servers = await Promise.all(names.map(() => listenAnywhere()));
  const ports = Object.fromEntries(
    names.map((name, i) => [name, (servers[i]!.address() as AddressInfo).port]),
  );
  // Held open until all are chosen, so no two names get the same port.
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

function listenAnywhere(): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}
