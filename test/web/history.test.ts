// The transcript a browser gets back on reconnect: every turn, newest chips only, secrets scrubbed,
// shared by every tab of the same browser.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBot } from '../../src/server/start-bot';
import { MemoryStore } from '../../src/store/memory';
import { startTestBot } from '../server/bot';
import { ChatSocket } from './ws-client';

describe('web transcript', () => {
  let bot: RunningBot;
  const store = new MemoryStore();
  const sockets: ChatSocket[] = [];
  const open = async () => {
    const s = await ChatSocket.open(bot.url);
    sockets.push(s);
    return s;
  };
  beforeAll(async () => {
    bot = await startTestBot({}, store);
  });
  afterAll(async () => {
    await Promise.all(sockets.map((s) => s.close()));
    await bot?.stop();
  });

  it('is empty for a new browser, and replays every turn after a reconnect', async () => {
    const tab = await open();
    expect((await tab.hello('browser-a')).messages).toEqual([]);
    const first = await tab.say('browser-a', 'my region is not supported');
    const scope = first.options!.find((o) => o.id === 'scope:all')!;
    const second = await tab.say('browser-a', scope.label, scope.id);
    await tab.close();

    const again = await open();
    const history = await again.hello('browser-a');
    expect(history.messages!.map((m) => [m.from, m.text])).toEqual([
      ['user', 'my region is not supported'],
      ['bot', first.text],
      ['user', scope.label],
      ['bot', second.text],
    ]);
    // Old questions are no longer answerable: only the newest bot message keeps its chips.
    expect(history.messages![1].options).toBeUndefined();
    expect(history.messages![3].options).toEqual(second.options);
  });

  it('never stores a secret the user typed', async () => {
    const tab = await open();
    await tab.say('browser-b', 'I cannot log in, my password is Tr0ub4dor&3x and my 2fa code is 492113');
    const history = await (await open()).hello('browser-b');
    const userLine = history.messages![0].text;
    expect(userLine).not.toContain('Tr0ub4dor');
    expect(userLine).not.toContain('492113');
    expect(JSON.stringify(await store.get('web:history:browser-b'))).not.toContain('Tr0ub4dor');
    expect(JSON.stringify(await store.get('conv:web:browser-b'))).not.toContain('Tr0ub4dor');
  });

  it('sends replies to every open tab of the same browser', async () => {
    const tab1 = await open();
    const tab2 = await open();
    await tab1.hello('browser-c');
    await tab2.hello('browser-c');
    const reply = await tab1.say('browser-c', 'are my funds safe?');
    const mirrored = await tab2.next((f) => f.type === 'message' && f.reply_to === reply.reply_to, 'the reply in the second tab');
    expect(mirrored.text).toBe(reply.text);
  });
});
