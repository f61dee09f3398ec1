// `region-lock-bot discord-deploy-commands [--guild ID] [--dry-run]`: registers the bot's application
// commands (/regionlock, /triage and the "Triage ticket" message command) with Discord. Run it once
// after creating the application and again whenever the commands change.
import { REST, Routes, type RESTPutAPIApplicationCommandsResult } from 'discord.js';
import type { Command } from '../main';
import { UsageError } from '../main';
import { parseFlags } from '../jsonl';
import { loadConfig } from '../../config';
import { commandsJSON } from '../../../adapters/discord/commands/index';
import { restApiBase } from '../../../adapters/discord/client';
import { describeError } from '../../../adapters/discord/errors';

const SNOWFLAKE = /^\d{5,25}$/;

export const command: Command = {
  summary: 'Register the Discord slash and context-menu commands (globally, or for one server with --guild)',
  usage:
    'region-lock-bot discord-deploy-commands [--guild SERVER_ID] [--dry-run]\n' +
    '  needs DISCORD_TOKEN, DISCORD_APPLICATION_ID, DISCORD_AGENT_CHANNEL_ID in the environment.\n' +
    '  --guild    register in one server only (shows up at once; good for testing)\n' +
    '  --dry-run  print the command definitions as JSON and change nothing',
  async run(args) {
    const { flags, positional } = parseFlags(args, { guild: 'string', 'dry-run': 'boolean' });
    if (positional.length) throw new UsageError(`unexpected argument "${positional[0]}"`);
    const guild = flags.guild as string | undefined;
    if (guild !== undefined && !SNOWFLAKE.test(guild)) throw new UsageError('--guild must be a numeric server id (right-click the server → Copy Server ID)');
    const body = commandsJSON();
    if (flags['dry-run']) {
      console.log(JSON.stringify(body, null, 2));
      return 0;
    }
    const discord = loadConfig(process.env).discord;
    if (!discord) throw new UsageError('set DISCORD_TOKEN, DISCORD_APPLICATION_ID and DISCORD_AGENT_CHANNEL_ID first');
    const api = restApiBase(discord);
    const rest = new REST({ ...(api ? { api } : {}), timeout: 15_000, retries: 3 }).setToken(discord.token);
    const route = guild ? Routes.applicationGuildCommands(discord.applicationId, guild) : Routes.applicationCommands(discord.applicationId);
    let registered: RESTPutAPIApplicationCommandsResult;
    try {
      registered = (await rest.put(route, { body })) as RESTPutAPIApplicationCommandsResult;
    } catch (err) {
      const info = describeError(err);
      console.error(
        `region-lock-bot discord-deploy-commands: Discord refused the commands: ${String(info.message)}${info.status ? ` (HTTP ${String(info.status)})` : ''}`,
      );
      if (info.status === 401) console.error('  Check DISCORD_TOKEN (Developer Portal → Bot → Reset Token).');
      if (info.status === 403 || info.code === 50001)
        console.error('  Check DISCORD_APPLICATION_ID, and that the bot was invited with the applications.commands scope.');
      return 1;
    }
    const where = guild ? `server ${guild} (available now)` : 'all servers (global commands can take up to an hour to appear)';
    console.log(`Registered ${registered.length} command(s) for ${where}:`);
    for (const c of registered) console.log(`  ${c.type === 3 ? `"${c.name}" (message menu)` : `/${c.name}`}  id ${c.id}`);
    return 0;
  },
};
