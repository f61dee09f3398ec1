// Secrets inside structured values and log lines: strings nested in objects, and JSON embedded in a
// line (the Slack Web API client's debug lines print request bodies as JSON, where a newline is
// "\n" and would otherwise split a seed phrase's words).
import { redactSecrets } from './redact';

const MAX_DEPTH = 8;

/** A copy of `value` with every string redacted. */
export function scrubDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactSecrets(value).text;
  if (depth >= MAX_DEPTH || !value || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = scrubDeep(v, depth + 1);
  return out;
}

/** A log line with secrets removed, including those inside JSON or a query string it carries. */
export function scrubLogText(line: string): string {
  const at = line.search(/[{[]/);
  if (at >= 0) {
    try {
      const parsed: unknown = JSON.parse(line.slice(at));
      return redactSecrets(line.slice(0, at)).text + JSON.stringify(scrubDeep(parsed));
    } catch {
      // not JSON after all
    }
  }
  // Form bodies: "token=xoxb-…&text=my+password+is+…"
  if (/^[\w.-]+=[^\s]*&/.test(line) || /[?&][\w.-]+=[^\s]*\+/.test(line)) {
    try {
      return redactSecrets(decodeURIComponent(line.replace(/\+/g, ' '))).text;
    } catch {
      // malformed escapes: fall through
    }
  }
  return redactSecrets(line).text;
}
