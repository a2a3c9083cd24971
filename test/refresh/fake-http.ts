/** What the price-API fakes share: a loopback server on a free port, and writing an answer. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LocalServer {
  /** http://127.0.0.1:<port> */
  url: string;
  close(): Promise<void>;
}

/** Serves on 127.0.0.1 (port 0); `onRequest` gets each request with its whole body as text. */
export async function listenLocal(
  onRequest: (req: IncomingMessage, raw: string, res: ServerResponse) => void,
): Promise<LocalServer> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => onRequest(req, Buffer.concat(chunks).toString('utf8'), res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A request body as JSON; the text itself when it is not JSON, null when empty. */
export function jsonOrText(raw: string): unknown {
  if (!raw) return null;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/** Writes an answer: an object as JSON, a string as it is; `hang` never answers (for timeouts). */
export function sendAnswer(
  res: ServerResponse,
  answer: { status?: number; body?: unknown; hang?: boolean },
  contentType = 'application/json',
): void {
  if (answer.hang) return;
  res.writeHead(answer.status ?? 200, { 'content-type': contentType });
  res.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? {}));
}
