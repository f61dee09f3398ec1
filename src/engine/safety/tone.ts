// Notices an upset customer (shouting, swearing, "scam") so replies and agents can respond with care.
const ANGRY_WORDS =
  /\b(?:wtf|scam+(?:mers?)?|fraud|thie(?:f|ves)|steal(?:ing)?|stole|ridiculous|useless|worst|terrible|pathetic|disgusting|furious|angry|pissed|fuck\w*|shit\w*|damn|bullshit|unacceptable|lawyer|sue you|joke of a)\b/i;

/** Three or more upper-case words in a row. */
const SHOUTED_WORDS = /\b[A-Z]{2,}(?:[\s,]+[A-Z]{2,}){2,}\b/;

export function isAngry(text: string): boolean {
  const sample = text.slice(0, 2000);
  if (ANGRY_WORDS.test(sample)) return true;
  if (/[!?]{3,}/.test(sample)) return true;
  // A shouted sentence inside a calm message ("WHY IS THIS HAPPENING"); short acronyms (KYC, ID) don't count.
  const shouted = SHOUTED_WORDS.exec(sample);
  if (shouted && shouted[0].replace(/[^A-Z]/g, '').length >= 10) return true;
  const letters = sample.replace(/[^A-Za-z]/g, '');
  const upper = sample.replace(/[^A-Z]/g, '');
  return letters.length >= 12 && upper.length / letters.length > 0.7;
}
