#!/usr/bin/env node
// Compiles the Solidity test contracts of the in-process EVM harness (test/chain/evm/contracts)
// with solc from npm (soljson, WebAssembly) and writes their ABIs and runtime bytecode next to
// the source. The build is committed so tests do not spend ~10 s compiling; the harness refuses
// a build whose recorded source hash differs from the source, naming this script.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import solc from 'solc';

const source = 'test/chain/evm/contracts/EigenLayerScripted.sol';
const target = 'test/chain/evm/contracts/EigenLayerScripted.build.json';
const content = readFileSync(source, 'utf8');
const settings = {
  evmVersion: 'shanghai',
  optimizer: { enabled: true, runs: 200 },
  outputSelection: { '*': { '*': ['abi', 'evm.deployedBytecode.object'] } },
};
const out = JSON.parse(solc.compile(JSON.stringify({ language: 'Solidity', sources: { [source]: { content } }, settings })));
const errors = (out.errors ?? []).filter((e) => e.severity === 'error');
for (const e of out.errors ?? []) process.stderr.write(`${e.formattedMessage}\n`);
if (errors.length > 0) process.exit(1);
const contracts = {};
for (const [name, c] of Object.entries(out.contracts[source])) {
  if (c.evm.deployedBytecode.object === '') continue;
  contracts[name] = { abi: c.abi, deployedBytecode: `0x${c.evm.deployedBytecode.object}` };
}
const build = {
  compiler: solc.version(),
  settings: { evmVersion: settings.evmVersion, optimizer: settings.optimizer },
  source,
  sourceSha256: createHash('sha256').update(content).digest('hex'),
  contracts,
};
writeFileSync(target, `${JSON.stringify(build, null, 1)}\n`);
process.stdout.write(`${target}: ${Object.keys(contracts).join(', ')} (solc ${build.compiler})\n`);
