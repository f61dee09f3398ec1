// Option-id prefixes that are not question ids; the domain may not name a question like these.
export const RESERVED_OPTION_PREFIXES = ['action', 'ask', 'info', 'say', 'more'] as const;
