// The agent's name as the customer sees it: server nickname, else global display name, else username.
export function agentName(interaction: { member?: unknown; user: { globalName?: string | null; username: string } }): string {
  const member = interaction.member as { displayName?: string; nick?: string | null } | null | undefined;
  return member?.displayName ?? member?.nick ?? interaction.user.globalName ?? interaction.user.username;
}
