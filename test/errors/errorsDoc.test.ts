import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { errorCatalogue } from '../../src/errors/catalogue.js';
import { renderErrorsDoc } from '../../src/errors/errorsDoc.js';

it('docs/errors.md lists exactly the catalogue (regenerate: node scripts/errors-doc.mjs)', () => {
  const page = readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8');
  assert.equal(page, renderErrorsDoc());
});

it('every code is UPPER_SNAKE and has a message', () => {
  for (const [code, msg] of Object.entries(errorCatalogue)) {
    assert.match(code, /^[A-Z][A-Z0-9_]+$/);
    assert.ok(msg.length > 5, code);
  }
});
