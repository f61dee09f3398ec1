// Web visitor ids are bearer tokens: whoever presents one gets that visitor's transcript and replies.
// So the server issues them: 128 random bits plus an HMAC (keyed by a secret kept in the session
// store), "v1.<random>.<mac>". An id the server did not issue is never looked up: its hello starts
// a new, empty conversation under a freshly issued id.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { SessionStore } from '../../src/store/types';

const KEY_NAME = 'web:id-key';
const ID = /^v1\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{22})$/;

export class VisitorIds {
  constructor(private readonly key: Buffer) {}

  /** A new visitor id: 128 random bits and their MAC. */
  issue(): string {
    const random = randomBytes(16).toString('base64url');
    return `v1.${random}.${this.mac(random)}`;
  }

  /** True only for ids this server (or one sharing its DATA_DIR) issued. */
  verify(id: unknown): id is string {
    if (typeof id !== 'string') return false;
    const m = ID.exec(id);
    if (!m) return false;
    const expected = Buffer.from(this.mac(m[1]!));
    const given = Buffer.from(m[2]!);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  private mac(random: string): string {
    return createHmac('sha256', this.key).update(random).digest().subarray(0, 16).toString('base64url');
  }
}

/** The signing key: created once and kept (without expiry) in the store, so ids survive restarts. */
export async function loadVisitorIds(store: SessionStore): Promise<VisitorIds> {
  await store.setIfAbsent(KEY_NAME, randomBytes(32).toString('hex'));
  const hex = await store.get<string>(KEY_NAME);
  if (typeof hex !== 'string' || !/^[0-9a-f]{64}$/.test(hex)) throw new Error(`the session store holds a malformed ${KEY_NAME}`);
  return new VisitorIds(Buffer.from(hex, 'hex'));
}
