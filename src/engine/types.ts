// The engine's public contract is the shared one (src/shared/types.ts); re-exported for adapters.
export * from '../shared/types';
