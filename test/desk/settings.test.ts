// The desk's settings: HANDOFF_DESK, HANDOFF_TIMEOUT_MINUTES and the SUPPORT_HOURS format.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { parseSupportHours, withinSupportHours } from '../../src/desk/support-hours';

const slack = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', SLACK_AGENT_CHANNEL: 'C1' };
const discord = { DISCORD_TOKEN: 'd', DISCORD_APPLICATION_ID: '123456789012345678', DISCORD_AGENT_CHANNEL_ID: '223456789012345678' };

describe('desk settings', () => {
  it('chooses the desk: the one agents channel set, Slack when both, HANDOFF_DESK to pick', () => {
    expect(loadConfig({}).desk).toBeNull();
    expect(loadConfig(slack).desk?.on).toBe('slack');
    expect(loadConfig(discord).desk?.on).toBe('discord');
    expect(loadConfig({ ...slack, ...discord }).desk?.on).toBe('slack');
    expect(loadConfig({ ...slack, ...discord, HANDOFF_DESK: 'discord' }).desk?.on).toBe('discord');
    expect(() => loadConfig({ ...slack, HANDOFF_DESK: 'discord' })).toThrow(/HANDOFF_DESK is discord, but DISCORD_AGENT_CHANNEL_ID/);
    expect(() => loadConfig({ ...slack, HANDOFF_DESK: 'teams' })).toThrow(/HANDOFF_DESK must be slack or discord/);
  });

  it('reads the timeout in minutes, decimals allowed, and names a bad value', () => {
    expect(loadConfig(slack).desk?.timeoutMs).toBe(15 * 60_000);
    expect(loadConfig({ ...slack, HANDOFF_TIMEOUT_MINUTES: '0.5' }).desk?.timeoutMs).toBe(30_000);
    expect(() => loadConfig({ ...slack, HANDOFF_TIMEOUT_MINUTES: 'soon' })).toThrow(/HANDOFF_TIMEOUT_MINUTES must be a number of minutes/);
    expect(() => loadConfig({ ...slack, HANDOFF_TIMEOUT_MINUTES: '0' })).toThrow(/HANDOFF_TIMEOUT_MINUTES/);
  });

  it('validates SUPPORT_HOURS and names the variable', () => {
    expect(loadConfig({ ...slack, SUPPORT_HOURS: 'Mon-Fri 09:00-18:00 Europe/Berlin' }).desk?.supportHours).toEqual([
      { days: [1, 2, 3, 4, 5], fromMinute: 540, toMinute: 1080, timeZone: 'Europe/Berlin' },
    ]);
    for (const bad of ['9 to 5', 'Mon-Fri 18:00-09:00', 'Mon-Fri 09:00-18:00 Mars/Olympus', 'Funday 09:00-10:00', 'Mon 25:00-26:00']) {
      expect(() => loadConfig({ ...slack, SUPPORT_HOURS: bad }), bad).toThrow(/SUPPORT_HOURS must look like/);
    }
  });

  it('tells open from closed in the rule’s own time zone', () => {
    const hours = parseSupportHours('Mon-Fri 09:00-18:00 Europe/Berlin; Sat 10:00-14:00 UTC')!;
    // Monday 2026-11-30: 07:59 UTC is 08:59 in Berlin (closed), 08:00 UTC is 09:00 (open).
    expect(withinSupportHours(hours, Date.parse('2026-11-30T07:59:00Z'))).toBe(false);
    expect(withinSupportHours(hours, Date.parse('2026-11-30T08:00:00Z'))).toBe(true);
    expect(withinSupportHours(hours, Date.parse('2026-11-30T16:59:00Z'))).toBe(true);
    expect(withinSupportHours(hours, Date.parse('2026-11-30T17:00:00Z'))).toBe(false);
    // Saturday in UTC; Sunday never.
    expect(withinSupportHours(hours, Date.parse('2026-12-05T13:59:00Z'))).toBe(true);
    expect(withinSupportHours(hours, Date.parse('2026-12-05T14:00:00Z'))).toBe(false);
    expect(withinSupportHours(hours, Date.parse('2026-12-06T12:00:00Z'))).toBe(false);
    expect(withinSupportHours(parseSupportHours('Fri-Mon 00:00-24:00')!, Date.parse('2026-12-06T12:00:00Z'))).toBe(true);
    expect(withinSupportHours(null, 0)).toBe(true);
  });
});
