// The Slack Web API client logs request bodies at debug level, as JSON (a newline is "\n" there) or
// form data: the bot's log must not carry a secret from them.
import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { createLogger } from '../../src/ops/logger';
import { boltLogger } from '../../adapters/slack/bolt-logger';

const seed = 'abandon ability able about above absent absorb abstract absurd abuse access accident';

function capture() {
  let out = '';
  const destination = new Writable({
    write(chunk, _enc, done) {
      out += String(chunk);
      done();
    },
  });
  return { logger: createLogger({ level: 'debug', format: 'json', destination }), out: () => out };
}

describe('Slack client debug lines', () => {
  it('scrubs secrets in JSON request bodies, form bodies and objects', () => {
    const { logger, out } = capture();
    const bolt = boltLogger(logger);
    bolt.debug(
      `http request body: ${JSON.stringify({ channel: 'C1', text: `my words:\n${seed.split(' ').join('\n')}`, token: 'xoxb-1234567890-abcdefghijkl' })}`,
    );
    bolt.debug(`token=xoxb-1234567890-abcdefghijkl&text=my+password+is+sunny-harbor-31&channel=C1`);
    bolt.debug('result', { ok: true, message: { text: 'code 482913 for my 2fa' } });
    const text = out();
    expect(text).not.toContain('abstract');
    expect(text).not.toContain('xoxb-1234567890');
    expect(text).not.toContain('sunny-harbor-31');
    expect(text).not.toContain('482913');
    expect(text).toContain('[redacted');
  });
});
