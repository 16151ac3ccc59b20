import type { Command } from 'commander';
import { generateNetwork } from '../../risk/generateNetwork.js';
import { operatorsMax, servicesMax } from '../../risk/networkBounds.js';
import { networkJson } from '../../risk/networkJson.js';
import { readInputFile } from '../../risk/readInputFile.js';
import { exitWithError } from '../fail.js';
import { writableOutputPath, writeOutputFile, writeStdout } from '../output.js';

interface GenerateFlags {
  operators: string;
  services: string;
  seed: string;
  serviceNames?: string;
  out?: string;
}

/** Largest --service-names CSV read (bytes). */
const serviceNamesCsvBytesMax = 16 * 1024 * 1024;

function int(text: string, flag: string, min: number, max: number): number {
  const n = Number(text);
  if (!/^[0-9]+$/.test(text) || n < min || n > max)
    exitWithError('BAD_OPTION', `${flag} must be an integer in [${min}, ${max}], got ${JSON.stringify(text)}`);
  return n;
}

/** Service names from a CSV file: the column `avs_name`, else `name` (rows of type network when typed). */
export function namesFromCsv(text: string): string[] {
  const [header = '', ...rows] = text.split(/\r?\n/).filter((l) => l.trim().length > 0);
  const cols = header.split(',');
  const col = cols.indexOf('avs_name') >= 0 ? cols.indexOf('avs_name') : cols.indexOf('name');
  const typeCol = cols.indexOf('entity_type');
  if (col < 0) return [];
  const names = rows
    .map((r) => r.split(','))
    .filter((c) => typeCol < 0 || c[typeCol] === 'network')
    .map((c) => (c[col] ?? '').trim())
    .filter((n) => n.length > 0 && n.length <= 128);
  return [...new Set(names)];
}

export function registerGenerate(program: Command): void {
  program
    .command('generate')
    .description('synthetic restaking network calibrated to mainnet magnitudes (SPEC §7), deterministic by seed')
    .requiredOption('--operators <n>', 'number of operators')
    .requiredOption('--services <n>', 'number of services')
    .option('--seed <s>', 'seed', '1')
    .option('--service-names <csv>', 'CSV with real service names (column avs_name or name), used in order')
    .option('--out <file>', 'write the network here instead of stdout')
    .action((flags: GenerateFlags) => {
      const operators = int(flags.operators, '--operators', 1, operatorsMax);
      const services = int(flags.services, '--services', 1, servicesMax);
      const seed = int(flags.seed, '--seed', 0, Number.MAX_SAFE_INTEGER);
      const out = flags.out === undefined ? undefined : writableOutputPath(flags.out, '--out', { createFolder: false });
      let serviceNames: string[] | undefined;
      if (flags.serviceNames !== undefined) {
        const csv = readInputFile(flags.serviceNames, { bytesMax: serviceNamesCsvBytesMax, what: 'service-names CSV' });
        if (!csv.ok) exitWithError(csv.error.code, `${flags.serviceNames}: ${csv.error.message}`);
        serviceNames = namesFromCsv(csv.value);
      }
      const text = `${JSON.stringify(networkJson(generateNetwork({ operators, services, seed, serviceNames })), null, 1)}\n`;
      if (out === undefined) writeStdout(text);
      else writeOutputFile(out, text);
    });
}
