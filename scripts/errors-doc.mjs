// Regenerates docs/errors.md from the compiled error catalogue (run `npm run build` first).
import { writeFileSync } from 'node:fs';
const { renderErrorsDoc } = await import('../dist/src/errors/errorsDoc.js');
writeFileSync(new URL('../docs/errors.md', import.meta.url), renderErrorsDoc());
console.log('docs/errors.md written');
