// Child process of import.bench: imports one snapshot and reports time and peak memory, so the
// peak is the import's own (not the generator's). Not a *.bench file: run.ts does not load it.
import { importSnapshot } from '../src/chain/importSnapshot.js';
import { preprod } from '../src/chain/networks.js';

const [snapshot, out] = process.argv.slice(2);
if (!snapshot || !out) throw new Error('usage: importChild <snapshot> <out>');
const t0 = process.hrtime.bigint();
const cpu0 = process.cpuUsage();
const m = importSnapshot({ files: [snapshot], network: preprod, out, manifestPath: `${out}.manifest.json` });
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
const cpu = process.cpuUsage(cpu0);
// CPU time of this process: the machine is shared, so wall time also counts other processes' turns.
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
process.stdout.write(
  JSON.stringify({
    seconds,
    cpuSeconds,
    events: m.events,
    commands: m.log.lines,
    unexpressible: m.unexpressibleCount,
    maxRssKb: process.resourceUsage().maxRSS,
  }),
);
