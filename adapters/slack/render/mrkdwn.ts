// Turns the engine's small Markdown subset into Slack mrkdwn, and Slack's message markup back into plain text.
//
// Engine Markdown: paragraphs, "- " bullets, **bold**, [text](url), `code`, "> " quotes.
// Slack mrkdwn:    paragraphs, "• " bullets, *bold*,   <url|text>,  `code`, "> " quotes; &, < and > escaped.

/** Escapes the three characters Slack treats as markup in message text. */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Undoes escapeSlack (Slack sends user text escaped). */
export function unescapeSlack(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

const LINK = /\[([^\]\n]+)\]\(([^)\s]+)\)/g;

function inline(text: string): string {
  // Code spans are kept verbatim (only escaped); everything else gets link and emphasis conversion.
  return text
    .split(/(`[^`\n]+`)/)
    .map((part, i) => {
      if (i % 2 === 1) return escapeSlack(part);
      const links: string[] = [];
      // Links first, so that emphasis inside a URL is never touched.
      let out = part.replace(LINK, (_m, label: string, url: string) => {
        const safeUrl = escapeSlack(url).replace(/\|/g, '%7C');
        const safeLabel = escapeSlack(label).replace(/\|/g, '¦');
        links.push(`<${safeUrl}|${emphasis(safeLabel)}>`);
        return `\u0001${links.length - 1}\u0001`;
      });
      out = emphasis(escapeSlack(out));
      return out.replace(/\u0001(\d+)\u0001/g, (_m, n: string) => links[Number(n)]);
    })
    .join('');
}

function emphasis(text: string): string {
  return text
    .replace(/\*\*(?=\S)([^*\n]+?)(?<=\S)\*\*/g, '\u0002$1\u0002')
    .replace(/__(?=\S)([^_\n]+?)(?<=\S)__/g, '\u0002$1\u0002')
    .replace(/(^|[^*\w])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![*\w])/g, '$1_$2_')
    .replace(/~~(?=\S)([^~\n]+?)(?<=\S)~~/g, '~$1~')
    .replace(/\u0002/g, '*');
}

/** Converts one reply from the engine's Markdown subset to Slack mrkdwn. */
export function toMrkdwn(markdown: string): string {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  let inFence = false;
  const out: string[] = [];
  for (const line of lines) {
    if (/^\s*```/.test(line)) {
      inFence = !inFence;
      out.push('```');
      continue;
    }
    if (inFence) {
      out.push(escapeSlack(line));
      continue;
    }
    const bullet = /^(\s*)[-*+]\s+(.*)$/.exec(line);
    if (bullet) {
      const depth = Math.min(Math.floor(bullet[1].length / 2), 3);
      out.push(`${'    '.repeat(depth)}• ${inline(bullet[2])}`);
      continue;
    }
    const heading = /^\s*#{1,6}\s+(.*)$/.exec(line);
    if (heading) {
      out.push(`*${inline(heading[1]).replace(/\*/g, '')}*`);
      continue;
    }
    const quote = /^\s*>\s?(.*)$/.exec(line);
    if (quote) {
      // A quote marker at the start of a line stays a real ">" so that Slack draws a quote bar.
      out.push(`> ${inline(quote[1])}`);
      continue;
    }
    out.push(inline(line));
  }
  return out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * Turns text typed in Slack into what a person would read: mentions and channel links
 * become names, <url|label> becomes "label (url)", escapes are undone.
 */
export function slackToPlain(text: string, botUserId?: string): string {
  let out = text;
  if (botUserId) out = out.replace(new RegExp(`<@${botUserId}(?:\\|[^>]*)?>`, 'g'), ' ');
  out = out
    .replace(/<@([UW][A-Z0-9]+)(?:\|([^>]+))?>/g, (_m, id: string, name?: string) => `@${name ?? id}`)
    .replace(/<#(C[A-Z0-9]+)(?:\|([^>]*))?>/g, (_m, id: string, name?: string) => `#${name || id}`)
    .replace(/<!(here|channel|everyone)(?:\|[^>]*)?>/g, '@$1')
    .replace(/<!subteam\^[A-Z0-9]+(?:\|([^>]+))?>/g, (_m, name?: string) => name ?? '@group')
    .replace(/<!date\^[^|>]+\|([^>]+)>/g, '$1')
    .replace(/<mailto:([^|>]+)(?:\|([^>]+))?>/g, (_m, addr: string) => addr)
    .replace(/<((?:https?|ftp):[^|>]+)\|([^>]+)>/g, (_m, url: string, label: string) => (label === url ? url : `${label} (${url})`))
    .replace(/<((?:https?|ftp):[^>]+)>/g, '$1');
  return unescapeSlack(out)
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
}
