import { ok } from '../../errors/result.js';
import type { Rational } from '../../math/rational.js';
import { defineCommand } from '../commandSpec.js';
import { getAsset } from '../entities.js';
import { reqDecimal, reqId } from '../fields.js';
import { check } from '../need.js';
import { lrtOfToken } from '../lrt/lrtLookups.js';

export const setPrice = defineCommand<{ asset: string; price: Rational }>({
  type: 'setPrice',
  parse: (raw) => ({ asset: reqId(raw, 'asset'), price: reqDecimal(raw, 'price') }),
  execute(state, c) {
    const asset = getAsset(state, c.asset);
    check(lrtOfToken(state, c.asset) === undefined, 'LRT_TOKEN_DEPOSIT', `${c.asset} is priced by its LRT's NAV`);
    asset.price = c.price;
    return ok({});
  },
});
