import { errorCatalogue } from './catalogue.js';

/** Renders docs/errors.md from the catalogue (a test keeps the page in sync). */
export function renderErrorsDoc(): string {
  const rows = Object.entries(errorCatalogue).map(([code, message]) => `| \`${code}\` | ${message.replace(/\|/g, '\\|')} |`);
  return [
    '# Error codes',
    '',
    'Every user error stakemesh returns carries one of these codes. A failing ledger command leaves',
    'the state unchanged and the run goes on; the CLI prints `stakemesh: <CODE>: <message>` and exits',
    'non-zero on malformed input. The message adds the specific detail after the text below.',
    '',
    'This page is generated from `src/errors/*Codes.ts` by `node scripts/errors-doc.mjs`',
    '(after `npm run build`); `test/errors/errorsDoc.test.ts` fails when it is out of date.',
    '',
    '| code | meaning |',
    '|---|---|',
    ...rows,
    '',
  ].join('\n');
}
