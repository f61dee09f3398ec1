// Every application command of the bot, by name. `discord-deploy-commands` registers exactly these.
import type { ChatInputCommandInteraction, MessageContextMenuCommandInteraction, RESTPostAPIApplicationCommandsJSONBody } from 'discord.js';
import type { BotCommand } from './types';
import * as regionlock from './regionlock';
import * as triage from './triage';
import * as triageTicket from './triage-ticket';

export type { BotCommand } from './types';

export const slashCommands: BotCommand<ChatInputCommandInteraction>[] = [regionlock, triage];
export const messageCommands: BotCommand<MessageContextMenuCommandInteraction>[] = [triageTicket];

export function commandsJSON(): RESTPostAPIApplicationCommandsJSONBody[] {
  return [...slashCommands, ...messageCommands].map((c) => c.data.toJSON());
}
