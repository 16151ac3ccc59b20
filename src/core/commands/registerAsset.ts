import { ok } from '../../errors/result.js';
import { assetsMax, decimalsMax } from '../state/bounds.js';
import { defineCommand } from '../log/commandSpec.js';
import { optEnum, reqDecimal, reqId, reqInt } from '../log/fields.js';
import { check } from '../need.js';
import type { AssetKind } from '../state/state.js';
import type { Rational } from '../../math/rational.js';

interface RegisterAsset {
  asset: string;
  decimals: number;
  price: Rational;
  kind: AssetKind;
}

export const registerAsset = defineCommand<RegisterAsset>({
  type: 'registerAsset',
  parse: (raw) => ({
    asset: reqId(raw, 'asset'),
    decimals: reqInt(raw, 'decimals', 0, decimalsMax),
    price: reqDecimal(raw, 'price'),
    kind: optEnum<AssetKind>(raw, 'kind', ['lst', 'native', 'erc20', 'lrt'], 'erc20'),
  }),
  execute(state, c) {
    check(!state.assets.has(c.asset), 'ASSET_EXISTS', c.asset);
    check(state.assets.size < assetsMax, 'BOUND_EXCEEDED', `assetsMax ${assetsMax}`);
    state.assets.set(c.asset, { id: c.asset, decimals: c.decimals, kind: c.kind, price: c.price });
    return ok({ asset: c.asset });
  },
});
