// The desk across two real `region-lock-bot start` processes on one real Redis and one fake Slack:
// the card is posted by the instance the visitor talks to, the agent's thread reply lands on the
// other one, and it still reaches the visitor's socket (Redis pub/sub); the visitor moves to the
// other instance and the next reply, the visitor's answer and Resolve cross back.
import { describe, expect, it } from 'vitest';
import { startBotProcess, type BotProcess } from '../helpers/cli-process';
import { useRedisSuite } from '../helpers/redis-suite';
import { AGENT_CHANNEL, SlackHarness, baseEnv, buttonsOf, textOf, waitFor } from '../slack/helpers';
import { ChatSocket } from '../web/ws-client';
import { testEngine } from '../helpers/bot';

const h = new SlackHarness();
const suite = useRedisSuite(h.fake);

async function instance(): Promise<BotProcess> {
  const dir = suite.dataDir('rlb-desk-inst-');
  return startBotProcess(dir, { ...baseEnv(h.fake, dir), LOG_LEVEL: 'info', REDIS_URL: suite.url(), NEW_CONVERSATIONS_PER_MINUTE: '1000' });
}

function at(bot: BotProcess): SlackHarness {
  const other = new SlackHarness();
  (other as unknown as { fake: unknown }).fake = h.fake;
  other.url = bot.url;
  return other;
}

describe('agent desk with two instances on one Redis', () => {
  it('relays between the instance with the agent event and the instance with the socket, both ways', async () => {
    const [a, b] = await Promise.all([instance(), instance()]);
    const onA = await ChatSocket.open(a.url);
    let onB: ChatSocket | undefined;
    try {
      await onA.say('v', 'my region is not supported');
      expect((await onA.say('v', 'I want to talk to a real person please')).text).toMatch(/in the queue/);
      const card = await waitFor(() => h.posts({ channel: AGENT_CHANNEL }).find((c) => textOf(c).includes('Web chat') && buttonsOf(c).length), 'the card');
      const ts = h.tsOf(card);

      // Card posted by A, the agent's reply event on B, the visitor's socket on A.
      await at(b).threadMessage('Hello from the desk (B)', ts, { channel: AGENT_CHANNEL, user: 'U0AGENT' });
      const first = await onA.next((f) => typeof f.agent === 'string', 'the agent message on A');
      expect(first.text).toBe('Hello from the desk (B)');

      // The visitor comes back on B (a reload behind the load balancer); the transcript is shared.
      onB = await ChatSocket.open(b.url);
      onB.adopt('v', onA.idOf('v')!);
      await onA.close();
      const history = await onB.hello('v');
      expect(history.messages?.some((m) => (m as { from: string }).from === 'agent' && m.text === 'Hello from the desk (B)')).toBe(true);

      // The visitor's reply on B reaches the thread (code removed); the agent's next reply lands on A.
      expect((await onB.say('v', 'thanks, my 2fa code is 123456')).silent).toBe(true);
      const copied = await waitFor(
        () => h.posts({ channel: AGENT_CHANNEL, threadTs: ts }).find((c) => textOf(c).includes('thanks')),
        'the reply in the thread',
      );
      expect(textOf(copied)).not.toContain('123456');
      await at(a).threadMessage('Second reply (A)', ts, { channel: AGENT_CHANNEL, user: 'U0AGENT' });
      await onB.next((f) => f.text === 'Second reply (A)', 'the agent message on B');

      // Resolve clicked on A: the visitor on B is told, and the bot answers again.
      const claimed = await waitFor(
        () => h.fake.callsOf('chat.update').find((c) => c.params.ts === ts && buttonsOf(c).some((x) => x.label === 'Resolve') && /Claimed by/.test(textOf(c))),
        'the claimed card',
      );
      await at(a).click({ ...claimed, result: card.result }, 'Resolve', { user: 'U0AGENT' });
      const resolved = testEngine().message('agent_resolved').split('\n')[0]!.slice(0, 40);
      await onB.next((f) => (f.text ?? '').includes(resolved), 'the resolved notice on B');
      const again = await onB.say('v', 'are my funds safe?');
      expect(again.silent).toBeFalsy();
      // The agent's messages reached the visitor once each, although both instances hold a reply bus.
      expect(onB.frames.filter((f) => f.text === 'Second reply (A)')).toHaveLength(1);
    } finally {
      await onA.close();
      await onB?.close();
    }
  });
});
