// The shape of one command module (discord.js guide style: `data` to register, `execute` to run).
import type { ChatInputCommandInteraction, MessageContextMenuCommandInteraction, RESTPostAPIApplicationCommandsJSONBody } from 'discord.js';
import type { DiscordDeps } from '../deps';

export interface BotCommand<I = ChatInputCommandInteraction | MessageContextMenuCommandInteraction> {
  data: { name: string; toJSON(): RESTPostAPIApplicationCommandsJSONBody };
  execute(interaction: I, deps: DiscordDeps): Promise<void>;
}
