import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { exactSlashWad } from '../../src/chain/map/exactSlashWad.js';
import { depositSharesFor } from '../../src/chain/map/delegationEvents.js';
import { mulWad, mulWadRoundUp } from '../../src/math/wad.js';

const WAD = 10n ** 18n;

describe('exactSlashWad: a wad that takes exactly what the contract took', () => {
  it('reproduces the slashed allocation and the cut of a pending decrease for any slasher wad', () => {
    fc.assert(
      fc.property(fc.bigInt(1n, WAD), fc.bigInt(1n, WAD), fc.bigInt(0n, WAD), (current, w0, pending) => {
        const taken = mulWadRoundUp(current, w0);
        const pendingTaken = pending > 0n ? mulWadRoundUp(pending, w0) : null;
        const w = exactSlashWad({ current, taken, pending, pendingTaken });
        assert.notEqual(w, null);
        assert.equal(mulWadRoundUp(current, w ?? 0n), taken);
        if (pendingTaken !== null) assert.equal(mulWadRoundUp(pending, w ?? 0n), pendingTaken);
      }),
      { numRuns: 2000 },
    );
  });

  it('has none when the ledger magnitudes cannot give the contract figures', () => {
    assert.equal(exactSlashWad({ current: 10n, taken: 11n, pending: 0n, pendingTaken: null }), null);
    // Taking 5 of 10 needs w in (0.4, 0.5]; cutting 1 of a pending 10 needs w in (0, 0.1]: no common w.
    assert.equal(exactSlashWad({ current: 10n, taken: 5n, pending: 10n, pendingTaken: 1n }), null);
  });
});

describe('depositSharesFor: the deposit shares behind a queued withdrawal', () => {
  it('recovers x from q = mulWad(x, k) exactly whenever k ≥ WAD (the ledger never has k below WAD)', () => {
    fc.assert(
      fc.property(fc.bigInt(1n, 10n ** 30n), fc.bigInt(WAD, 50n * WAD), (x, k) => {
        assert.equal(depositSharesFor(mulWad(x, k), k), x);
      }),
      { numRuns: 2000 },
    );
  });
});
