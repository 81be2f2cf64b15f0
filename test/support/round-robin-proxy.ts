import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Proxy {
  url: string;
  /** Requests each upstream answered. */
  served: number[];
  /** Bodies whose upstream connection broke mid-request (an instance killed while it held them), then sent on. */
  interrupted: Buffer[];
  close(): Promise<void>;
}

/**
 * A loopback load balancer: each request goes to the next upstream in turn; an upstream that refuses
 * the connection (a killed instance) is skipped, as a real balancer's health check would.
 */
export async function startRoundRobinProxy(upstreams: readonly number[]): Promise<Proxy> {
  let next = 0;
  const served = upstreams.map(() => 0);
  const interrupted: Buffer[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (d: Buffer) => chunks.push(d));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const attempt = (tries: number): void => {
        const i = next++ % upstreams.length;
        const up = request(
          { host: '127.0.0.1', port: upstreams[i], method: req.method, path: req.url, headers: req.headers },
          (upRes) => {
            served[i] = (served[i] ?? 0) + 1;
            res.writeHead(upRes.statusCode ?? 502, upRes.headers);
            upRes.pipe(res);
          },
        );
        up.on('error', (err: NodeJS.ErrnoException) => {
          // Refused: the instance is gone and never saw it. Anything else broke a request it held.
          if (err.code !== 'ECONNREFUSED') interrupted.push(body);
          if (tries < upstreams.length) attempt(tries + 1);
          else res.writeHead(502).end();
        });
        up.end(body);
      };
      attempt(1);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, served, interrupted, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
