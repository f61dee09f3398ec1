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
    again.adopt('browser-a', tab.idOf('browser-a')!); // the page keeps its issued id in localStorage
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
    const reload = await open();
    const id = tab.idOf('browser-b')!;
    reload.adopt('browser-b', id);
    const history = await reload.hello('browser-b');
    const userLine = history.messages![0].text;
    expect(userLine).not.toContain('Tr0ub4dor');
    expect(userLine).not.toContain('492113');
    expect(JSON.stringify(await store.get(`web:history:${id}`))).not.toContain('Tr0ub4dor');
    expect(JSON.stringify(await store.get(`conv:web:${id}`))).toBeDefined();
    expect(JSON.stringify(await store.get(`conv:web:${id}`))).not.toContain('Tr0ub4dor');
  });

  it('gives an id it did not issue a new, empty conversation, never the transcript under that id', async () => {
    const tab = await open();
    await tab.say('victim', 'my region is not supported');
    const victimId = tab.idOf('victim')!;
    expect(victimId).toMatch(/^v1\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{22}$/); // 128 random bits + a MAC
    const attacker = await open();
    // A guessed id, and the victim's id with its MAC altered: both start afresh under a new id. (The
    // last character carries two bits only; the one before it always changes the MAC. Writing "AA"
    // over the end left the id as it was once in 256 runs.)
    const tampered = `${victimId.slice(0, -2)}${victimId.at(-2) === 'A' ? 'B' : 'A'}${victimId.at(-1)}`;
    expect(tampered).not.toBe(victimId);
    for (const guess of ['visitor-42', tampered]) {
      const frame = await attacker.hello(guess);
      expect(frame.messages).toEqual([]);
      expect(frame.user).not.toBe(guess);
      expect(frame.user).not.toBe(victimId);
    }
    // A message sent under an id that was not issued is not taken into anyone's conversation.
    const before = attacker.frames.length;
    attacker.raw({ type: 'message', user: 'visitor-42', channel: 'websocket', text: 'hello', mid: 'x1' });
    const answer = await attacker.next((f) => attacker.frames.indexOf(f) >= before, 'an answer to the forged message');
    expect(answer.type).toBe('history');
    expect(answer.messages).toEqual([]);
  });

  it('sends replies to every open tab of the same browser', async () => {
    const tab1 = await open();
    const tab2 = await open();
    await tab1.hello('browser-c');
    tab2.adopt('browser-c', tab1.idOf('browser-c')!);
    await tab2.hello('browser-c');
    const reply = await tab1.say('browser-c', 'are my funds safe?');
    const mirrored = await tab2.next((f) => f.type === 'message' && f.reply_to === reply.reply_to, 'the reply in the second tab');
    expect(mirrored.text).toBe(reply.text);
  });
});
