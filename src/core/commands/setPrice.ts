import { ok } from '../../errors/result.js';
import type { Rational } from '../../math/rational.js';
import { defineCommand } from '../log/commandSpec.js';
import { getAsset } from '../state/entities.js';
import { reqDecimal, reqId } from '../log/fields.js';
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
