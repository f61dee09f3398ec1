import { MemoryStore } from '../../src/store/memory';
import { sessionStoreContract } from './contract';

sessionStoreContract('MemoryStore', async () => {
  let now = 1_000_000;
  return { store: new MemoryStore(() => now), advance: (ms) => (now += ms), cleanup: async () => {} };
});
