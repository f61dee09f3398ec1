// Slash commands, the message context-menu command, buttons and the agent's reply form.
import { Events, MessageFlags, type Interaction } from 'discord.js';
import type { DiscordDeps } from '../deps';
import { describeError, guarded } from '../errors';
import { messageCommands, slashCommands } from '../commands';
import { answerOption } from '../components/answer-option';
import { deskButton, deskMacro, deskReplySubmit } from '../components/desk';
import { DESK_PREFIX } from '../render/desk-card';
import { ANSWER_PREFIX } from '../render/answer-buttons';
import { defineEvent } from './types';

async function route(deps: DiscordDeps, interaction: Interaction): Promise<void> {
  if (interaction.isChatInputCommand()) {
    const command = slashCommands.find((c) => c.data.name === interaction.commandName);
    if (command) return command.execute(interaction, deps);
  } else if (interaction.isMessageContextMenuCommand()) {
    const command = messageCommands.find((c) => c.data.name === interaction.commandName);
    if (command) return command.execute(interaction, deps);
  } else if (interaction.isButton()) {
    if (interaction.customId.startsWith(ANSWER_PREFIX)) return answerOption(interaction, deps);
    if (interaction.customId.startsWith(DESK_PREFIX)) return deskButton(interaction, deps);
  } else if (interaction.isStringSelectMenu()) {
    if (interaction.customId.startsWith(DESK_PREFIX)) return deskMacro(interaction, deps);
  } else if (interaction.isModalSubmit()) {
    if (interaction.customId.startsWith(DESK_PREFIX)) return deskReplySubmit(interaction, deps);
  } else {
    return;
  }
  deps.logger.warn(
    { type: interaction.type, id: 'customId' in interaction ? String(interaction.customId).slice(0, 100) : undefined },
    'discord: unknown interaction ignored',
  );
  if (interaction.isRepliable()) await interaction.reply({ content: 'I do not know this command or button (any more).', flags: MessageFlags.Ephemeral });
}

export default defineEvent({
  name: Events.InteractionCreate,
  async execute(deps, interaction) {
    await guarded(deps.logger, 'interaction', async () => {
      try {
        await route(deps, interaction);
      } catch (err) {
        // Tell the person something went wrong instead of leaving "This interaction failed".
        if (interaction.isRepliable() && !interaction.replied && !interaction.deferred) {
          await interaction
            .reply({ content: 'Sorry, something went wrong. Please try again in a moment.', flags: MessageFlags.Ephemeral })
            .catch((e: unknown) => deps.logger.debug({ error: describeError(e) }, 'discord: could not report an error to the user'));
        }
        throw err;
      }
    });
  },
});
