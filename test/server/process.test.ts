// The real `region-lock-bot start` process: killed mid-conversation and restarted, stopped with
// SIGTERM, refused with a bad setting. Runs the built CLI (dist/), which `npm test` compiles first.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChatSocket } from '../web/ws-client';
import { openSqlite } from '../../src/store/sqlite-driver';
import { assertCliBuilt, killStartedProcesses, processEnv, spawnStart, startBotProcess as startProcess, withDeadline } from '../helpers/cli-process';
import { postMessage } from './bot';

const dirs: string[] = [];
afterEach(() => {
  killStartedProcesses();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('the region-lock-bot start process', () => {
  beforeAll(() => {
    assertCliBuilt();
  });

  it('continues a diagnosis after being killed (SIGKILL) between two turns', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rlb-proc-'));
    dirs.push(dataDir);
    const user = 'restart-user';

    const first = await startProcess(dataDir);
    const tab = await ChatSocket.open(first.url);
    const opening = await tab.say(user, 'my region is not supported');
    expect(opening.state).toBe('ask_scope');
    const scope = opening.options!.find((o) => o.id === 'scope:all')!;
    const second = await tab.say(user, scope.label, scope.id);
    expect(second.state).toBe('ask_kyc_region');
    const issued = tab.idOf(user)!;
    await tab.close();

    first.child.kill('SIGKILL');
    expect((await withDeadline(first.exited, 10_000, 'the killed process to exit')).signal).toBe('SIGKILL');

    // The page comes back with the id it was issued: it is still valid after the restart.
    const restarted = await startProcess(dataDir);
    const reload = await ChatSocket.open(restarted.url);
    reload.adopt(user, issued);
    const diagnosis = await reload.say(user, 'Yes, my KYC residence is mainland China');
    expect(diagnosis.cause).toBe('kyc_region');

    // The browser's transcript survived too.
    const history = await reload.hello(user);
    await reload.close();
    expect(history.user).toBe(issued);
    expect(history.messages!.map((m) => m.from)).toEqual(['user', 'bot', 'user', 'bot', 'user', 'bot']);
    expect(history.messages![2].text).toBe(scope.label);

    restarted.child.kill('SIGTERM');
    expect((await withDeadline(restarted.exited, 15_000, 'a clean exit')).code).toBe(0);
  });

  it('shuts down on SIGTERM: exit code 0, state flushed, DATA_DIR unlocked', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rlb-proc-'));
    dirs.push(dataDir);
    const bot = await startProcess(dataDir);
    expect(bot.output()).toMatch(/Channels: web\b/);
    const health = await (await fetch(`${bot.url}/healthz`)).json();
    expect(health).toMatchObject({ status: 'ok', channels: { web: true } });
    await postMessage(bot.url, { type: 'message', user: 'term-user', text: 'my region is not supported' });

    bot.child.kill('SIGTERM');
    const exit = await withDeadline(bot.exited, 15_000, 'exit after SIGTERM');
    expect(exit).toEqual({ code: 0, signal: null });
    expect(bot.output()).toContain('region-lock-bot stopped');
    // Opening the database again proves the lock went with the process.
    const db = openSqlite(join(dataDir, 'sessions.db'), { timeout: 5000 });
    expect(
      db
        .prepare('SELECT key FROM kv')
        .all()
        .map((r) => r.key),
    ).toContain('conv:web:api:term-user');
    db.close();
  });

  it('refuses to start with a wrong setting, naming the variable', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rlb-proc-'));
    dirs.push(dataDir);
    const p = spawnStart(processEnv(dataDir, { PORT: 'eighty', LOG_LEVEL: 'chatty' }));
    const exit = await withDeadline(p.exited, 15_000, 'exit on a bad setting');
    expect(exit.code).toBe(2);
    expect(p.output()).toMatch(/PORT .*eighty/);
    expect(p.output()).toMatch(/LOG_LEVEL/);
    expect(p.output()).not.toMatch(/\n\s+at /); // a message, not a stack trace
  });

  it('refuses a second process on the same DATA_DIR', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rlb-proc-'));
    dirs.push(dataDir);
    const first = await startProcess(dataDir);
    const second = spawnStart(processEnv(dataDir));
    const exit = await withDeadline(second.exited, 15_000, 'the second process to give up');
    expect(exit.code).not.toBe(0);
    expect(second.output()).toMatch(/in use by another region-lock-bot process/);
    first.child.kill('SIGTERM');
    expect((await withDeadline(first.exited, 15_000, 'a clean exit')).code).toBe(0);
  });
});
