// `.env` in the directory the bot starts from is read at start (process.loadEnvFile), and a variable
// set in the real environment wins over the same name in the file.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertCliBuilt, killStartedProcesses, startBotProcess, UNSET } from '../helpers/cli-process';

const dirs: string[] = [];
afterEach(() => {
  killStartedProcesses();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const post = (url: string, token?: string) =>
  fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ type: 'message', user: 'env-test', text: 'hello' }),
    signal: AbortSignal.timeout(10_000),
  });

describe('.env', () => {
  beforeAll(() => assertCliBuilt());

  it('is loaded from the working directory, and the real environment wins over it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rlb-envfile-'));
    dirs.push(dir);
    writeFileSync(join(dir, '.env'), 'WEB_API_TOKEN=token-from-the-env-file\nEXCHANGE_NAME=FileExchange\n');

    // Only the file sets WEB_API_TOKEN: /api/messages requires it.
    const fromFile = await startBotProcess(join(dir, 'data1'), { ENV_FILE: UNSET }, dir);
    expect((await post(fromFile.url)).status).toBe(401);
    expect((await post(fromFile.url, 'token-from-the-env-file')).status).toBe(200);

    // The real environment sets it too: its value is the one used.
    const real = await startBotProcess(join(dir, 'data2'), { ENV_FILE: UNSET, WEB_API_TOKEN: 'token-from-the-real-env' }, dir);
    expect((await post(real.url, 'token-from-the-env-file')).status).toBe(401);
    expect((await post(real.url, 'token-from-the-real-env')).status).toBe(200);
  });
});
