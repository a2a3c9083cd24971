import { describe, expect, it } from 'vitest';
import { REFRESH_PROVIDERS } from '../../src/catalog/schema.js';
import { CREDENTIAL_VARS } from '../../src/refresh/credentials.js';
import { PRICE_SOURCES } from '../../src/refresh/providers/index.js';

describe('credential variables the bot redacts', () => {
  it('are exactly the ones each price-API adapter reads', () => {
    for (const p of REFRESH_PROVIDERS) expect(CREDENTIAL_VARS[p]).toEqual(PRICE_SOURCES[p].credentialVars);
    expect(Object.keys(CREDENTIAL_VARS).sort()).toEqual([...REFRESH_PROVIDERS].sort());
  });
});
