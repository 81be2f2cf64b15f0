import { serve, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';

export interface RunningServer {
  /** The address it listens on, e.g. http://127.0.0.1:8080. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Listens with @hono/node-server. Rejects (EADDRINUSE …) instead of crashing, so the caller can say
 * which port is taken. Slow clients are cut off: headers within 10 s, a whole request within 30 s.
 */
export function startHttpServer(app: Hono, opts: { host: string; port: number }): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    const server: ServerType = serve({ fetch: app.fetch, hostname: opts.host, port: opts.port }, (info) => {
      server.off('error', onError);
      const host = info.address.includes(':') ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${host}:${info.port}`,
        port: info.port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            (server as { closeAllConnections?: () => void }).closeAllConnections?.();
          }),
      });
    });
    server.once('error', onError);
    const http = server as { headersTimeout?: number; requestTimeout?: number };
    http.headersTimeout = 10_000;
    http.requestTimeout = 30_000;
  });
}
