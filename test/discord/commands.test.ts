// Slash commands, the "Triage ticket" message command and `discord-deploy-commands`, through the
// real discord.js client (and REST client) against the fake Discord.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ApplicationCommandType, MessageFlags, PermissionFlagsBits } from 'discord.js';
import { useHarness } from '../helpers/suite-harness';
import { APP_ID, GUILD_ID, DiscordHarness, PUBLIC_CHANNEL_ID, BOT_TOKEN, AGENT_CHANNEL_ID, person, settle, snowflake, textOf } from './helpers';
import { main } from '../../src/cli/main';

const TICKET =
  'Customer writes: since yesterday the app says "your region is not supported". Happens on wifi and on mobile data. ' +
  'My KYC was done with my Chinese ID card, I live in mainland China. Please help, I need my money.';

describe('discord commands', () => {
  const h = useHarness(new DiscordHarness());
  const agent = person('Agent Kim');
  afterAll(() => {
    vi.unstubAllEnvs();
  });

  it('/regionlock answers privately (ephemeral), without buttons', async () => {
    const alice = person('Alice');
    const used = h.slash(alice, 'regionlock', { question: 'can I still withdraw my crypto?' });
    const reply = await h.callbackOf(used);
    expect(reply.type).toBe(4);
    expect(reply.data.flags & MessageFlags.Ephemeral).toBeTruthy();
    expect(reply.data.content).toMatch(/withdraw/i);
    expect(reply.data.content.length).toBeLessThanOrEqual(2000);
    expect(reply.data.components ?? []).toEqual([]);
    // Nothing public was posted.
    expect(h.posted(PUBLIC_CHANNEL_ID)).toHaveLength(0);
  });

  it('/regionlock works in a DM with the bot too', async () => {
    const bob = person('Bob');
    const used = h.slash(bob, 'regionlock', { question: 'what does region locked mean?' }, { dm: true });
    const reply = await h.callbackOf(used);
    expect(reply.type).toBe(4);
    expect(reply.data.content.length).toBeGreaterThan(20);
  });

  it('/regionlock answers a Chinese question in Chinese; /triage of a Chinese ticket: the card in English, the customer reply in Chinese', async () => {
    const wu = person('Wu');
    const asked = await h.callbackOf(h.slash(wu, 'regionlock', { question: '用梯子能解决地区限制吗？' }));
    expect(asked.data.content).toMatch(/用户协议/);
    const ticket = '客户说：从昨天开始 App 一直提示不支持您所在的地区，家里 wifi 和手机流量都一样。我是用中国身份证做的实名认证，人在大陆。';
    const reply = await h.callbackOf(h.slash(agent, 'triage', { ticket }));
    const all = textOf(reply.data);
    expect(all).toContain('kyc_region');
    expect(all).toContain('Verified residence (KYC)');
    expect(all).toContain('3–7 days');
    expect(all).toContain('感谢您提供的信息');
  });

  it('/triage returns the triage card privately', async () => {
    const used = h.slash(agent, 'triage', { ticket: TICKET });
    const reply = await h.callbackOf(used);
    expect(reply.type).toBe(4);
    expect(reply.data.flags & MessageFlags.Ephemeral).toBeTruthy();
    const [card] = reply.data.embeds;
    expect(card.title).toBe('Ticket triage');
    const all = textOf(reply.data);
    expect(all).toContain('kyc_region');
    expect(all).toMatch(/\d+%/);
    expect(all).toMatch(/Evidence/);
    expect(all).toMatch(/Suggested reply/);
    expect(all).toMatch(/processing time/i);
    for (const f of card.fields) expect(f.value.length).toBeLessThanOrEqual(1024);
  });

  it('the "Triage ticket" message command triages the message it is used on', async () => {
    const customer = person('Customer');
    const target = { ...h.guildMessage(customer, TICKET) };
    await settle(h);
    const used = h.messageCommand(agent, 'Triage ticket', target);
    const reply = await h.callbackOf(used);
    expect(reply.type).toBe(4);
    expect(reply.data.flags & MessageFlags.Ephemeral).toBeTruthy();
    expect(textOf(reply.data)).toContain('kyc_region');
    expect(textOf(reply.data)).toContain(`/channels/${GUILD_ID}/${PUBLIC_CHANNEL_ID}/${target.id}`);

    const empty = h.messageCommand(agent, 'Triage ticket', { ...h.guildMessage(customer, ''), content: '' });
    const explained = await h.callbackOf(empty);
    expect(explained.data.flags & MessageFlags.Ephemeral).toBeTruthy();
    expect(explained.data.content).toMatch(/no text/i);
  });

  it('an unknown command is answered privately instead of failing', async () => {
    const used = h.slash(agent, 'no-such-command', { x: 'y' });
    const reply = await h.callbackOf(used);
    expect(reply.data.flags & MessageFlags.Ephemeral).toBeTruthy();
  });

  it('discord-deploy-commands registers /regionlock, /triage and "Triage ticket" for one server, or globally', async () => {
    vi.stubEnv('DISCORD_TOKEN', BOT_TOKEN);
    vi.stubEnv('DISCORD_APPLICATION_ID', APP_ID);
    vi.stubEnv('DISCORD_AGENT_CHANNEL_ID', AGENT_CHANNEL_ID);
    vi.stubEnv('DISCORD_API_URL', h.fake.apiUrl);
    const out = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      expect(await main(['discord-deploy-commands', '--guild', GUILD_ID])).toBe(0);
      const [guildPut] = h.fake.calls('PUT', new RegExp(`^/applications/${APP_ID}/guilds/${GUILD_ID}/commands$`));
      expect(guildPut.authorization).toBe(`Bot ${BOT_TOKEN}`);
      const byName = Object.fromEntries((guildPut.body as any[]).map((c) => [c.name, c]));
      expect(Object.keys(byName).sort()).toEqual(['Triage ticket', 'regionlock', 'triage']);
      expect(byName.regionlock.options[0]).toMatchObject({ name: 'question', required: true });
      expect(byName.regionlock.default_member_permissions ?? null).toBeNull();
      expect(byName.triage.options[0]).toMatchObject({ name: 'ticket', required: true });
      expect(byName.triage.default_member_permissions).toBe(String(PermissionFlagsBits.ManageMessages));
      expect(byName['Triage ticket'].type).toBe(ApplicationCommandType.Message);
      expect(byName['Triage ticket'].default_member_permissions).toBe(String(PermissionFlagsBits.ManageMessages));

      expect(await main(['discord-deploy-commands'])).toBe(0);
      expect(h.fake.calls('PUT', new RegExp(`^/applications/${APP_ID}/commands$`))).toHaveLength(1);
      expect(out.mock.calls.flat().join('\n')).toMatch(/Registered 3 command/);

      // A wrong application id is reported, not thrown.
      const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      vi.stubEnv('DISCORD_APPLICATION_ID', snowflake());
      expect(await main(['discord-deploy-commands'])).toBe(1);
      expect(err.mock.calls.flat().join('\n')).toMatch(/refused/);
      expect(await main(['discord-deploy-commands', '--guild', 'not-a-number'])).toBe(2);
      err.mockRestore();
    } finally {
      out.mockRestore();
    }
  });
});
