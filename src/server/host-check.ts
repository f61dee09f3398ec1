// HTTP hardening shared by every route on the one port:
// - the Host header must name this bot (PUBLIC_URL, ALLOWED_HOSTS, loopback names by default),
//   which closes DNS rebinding: a page on evil.example resolving to 127.0.0.1 gets 421;
// - every response says nosniff, so a JSON body is never sniffed into HTML or script.
import type { IncomingMessage } from 'node:http';
import type { NextFunction, Request, Response } from 'express';

export const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'];

export function allowedHostnames(publicUrl: string | undefined, allowedHosts: string[]): Set<string> {
  const names = new Set<string>(LOOPBACK_NAMES);
  if (publicUrl) names.add(new URL(publicUrl).hostname.toLowerCase().replace(/^\[|\]$/g, ''));
  for (const h of allowedHosts) names.add(h.toLowerCase());
  return names;
}

/** The host name of a Host header ("Example.com:3000" → "example.com", "[::1]:80" → "::1"). */
export function hostnameOf(host: string | undefined): string | null {
  if (!host) return null;
  const h = host.trim().toLowerCase();
  if (h.startsWith('[')) {
    const end = h.indexOf(']');
    return end > 0 ? h.slice(1, end) : null;
  }
  return h.split(':')[0] || null;
}

export function hostAllowed(req: IncomingMessage, names: Set<string>): boolean {
  const name = hostnameOf(req.headers.host);
  return name !== null && names.has(name);
}

export function hostCheck(names: Set<string>) {
  return (req: Request, res: Response, next: NextFunction): void => {
    res.setHeader('x-content-type-options', 'nosniff');
    if (!hostAllowed(req, names)) {
      res.status(421).json({ error: 'this host name is not served here (set PUBLIC_URL or ALLOWED_HOSTS)' });
      return;
    }
    next();
  };
}
