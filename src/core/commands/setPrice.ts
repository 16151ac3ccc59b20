import { ok } from '../../errors/result.js';
import type { Rational } from '../../math/rational.js';
import { defineCommand } from '../commandSpec.js';
import { getAsset } from '../entities.js';
import { reqDecimal, reqId } from '../fields.js';

export const setPrice = defineCommand<{ asset: string; price: Rational }>({
  type: 'setPrice',
  parse: (raw) => ({ asset: reqId(raw, 'asset'), price: reqDecimal(raw, 'price') }),
  execute(state, c) {
    getAsset(state, c.asset).price = c.price;
    return ok({});
  },
});
