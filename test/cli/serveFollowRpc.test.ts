import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { preprod } from '../../src/chain/networks.js';
import { ChainEmulator, address } from '../chain/chainEmulator.js';
import { EigenlayerChain } from '../chain/evm/eigenlayerChain.js';
import { call } from '../server/http/httpHelpers.js';
import { spawnServe, type ServeProcess } from '../server/http/spawnServe.js';

const WAD = 10n ** 18n;

describe('stakemesh serve --follow-rpc (the CLI) against the in-process EVM', () => {
  let evm: EigenlayerChain;
  let dir: string;
  let serve: ServeProcess | null = null;
  const staker = address(0x5a, 9);
  const strategy = address(0x51, 9);

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'stakemesh-serve-follow-'));
    evm = await EigenlayerChain.start(preprod);
    const em = new ChainEmulator(preprod, 10);
    em.newStrategy(strategy);
    em.deposit(staker, strategy, 3n * WAD);
    await evm.play(em.logs);
    await evm.chain.mineTo(evm.chain.head + 4);
  });
  after(async () => {
    serve?.child.kill('SIGTERM');
    await serve?.exited;
    await evm.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('mirrors the chain into the service: GET /v1/stakers shows the deposit', async () => {
    serve = await spawnServe([
      '--data-dir',
      dir,
      '--follow-rpc',
      evm.rpc.url,
      '--follow-network',
      'preprod',
      '--from-block',
      '1',
      '--confirmations',
      '2',
      '--poll-ms',
      '200',
    ]);
    const until = Date.now() + 60_000;
    let shares: unknown;
    while (Date.now() < until) {
      const r = await call(`${serve.url}/v1/stakers/${staker}`);
      shares = r.body?.vaults?.[strategy]?.depositShares;
      if (shares !== undefined) break;
      await new Promise((res) => setTimeout(res, 200));
    }
    assert.equal(shares, String(3n * WAD), serve.stderr());
    const head = await call(`${serve.url}/v1/head`);
    assert.equal(head.body.block, evm.chain.head - 2);
  });

  it('a --follow-network that does not exist is refused before anything starts', async () => {
    await assert.rejects(
      spawnServe(['--data-dir', join(dir, 'other'), '--follow-rpc', evm.rpc.url, '--follow-network', 'nope']),
      /BAD_OPTION: --follow-network/,
    );
  });
});
