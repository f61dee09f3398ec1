// Who is asking: the socket's address, or, behind a trusted reverse proxy (TRUST_PROXY), the
// address the proxy appended to X-Forwarded-For (the right-most entry: a client can prepend
// anything it likes, but not what the proxy adds).
import type { IncomingMessage } from 'node:http';

export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const header = req.headers['x-forwarded-for'];
    const value = Array.isArray(header) ? header[header.length - 1] : header;
    const last = value?.split(',').pop()?.trim();
    if (last) return last;
  }
  return req.socket.remoteAddress ?? 'unknown';
}
