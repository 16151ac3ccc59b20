// Shared helpers for the ledger-service suites: named signers that track their nonces, and an
// opener with test defaults (clock off, no snapshots unless asked).
import assert from 'node:assert/strict';
import { signEnvelope } from '../../../src/server/envelope/signEnvelope.js';
import { signerKeyOf, type SignerKey } from '../../../src/server/envelope/signerKey.js';
import { openLedgerService } from '../../../src/server/service/openLedgerService.js';
import type { Envelope, LedgerServiceApi, Receipt, ServiceOptions, SubmitOutcome } from '../../../src/server/service/serviceApi.js';
import type { Backend } from '../../store/storeBackends.js';

export const chainId = 31337;

export class Signer {
  nonce = 0n;
  readonly key: SignerKey;
  constructor(scheme: 'ed25519' | 'secp256k1', seedByte: number) {
    this.key = signerKeyOf(scheme, seedByte.toString(16).padStart(2, '0').repeat(32));
  }
  get account(): string {
    return this.key.account;
  }
  /** An envelope with the next nonce (or the one given); does not advance the counter. */
  env(command: Envelope['command'], nonce: bigint = this.nonce + 1n): Envelope {
    return signEnvelope({ key: this.key, chainId, nonce, command });
  }
  /** Submits one command; the nonce counter advances only when it is accepted. */
  async send(svc: LedgerServiceApi, command: Envelope['command']): Promise<SubmitOutcome> {
    const out = await svc.submit([this.env(command)]);
    if (out.ok) this.nonce += 1n;
    return out;
  }
  /** Submits and asserts acceptance; returns the receipt. */
  async ok(svc: LedgerServiceApi, command: Envelope['command']): Promise<Receipt> {
    const out = await this.send(svc, command);
    assert.ok(out.ok, `${command.type} by ${this.account.slice(0, 16)}: ${out.ok ? '' : `${out.code} ${out.message}`}`);
    return out.receipts[0] as Receipt;
  }
  /** Submits and asserts refusal with `code`. */
  async refused(svc: LedgerServiceApi, command: Envelope['command'], code: string): Promise<SubmitOutcome & { ok: false }> {
    const out = await this.send(svc, command);
    assert.ok(!out.ok, `${command.type} by ${this.account.slice(0, 16)} should be refused with ${code}`);
    assert.equal(out.code, code, out.message);
    return out;
  }
}

export const admin = new Signer('ed25519', 0xa1);

/** Fresh signers per test (nonces start at 1 on a fresh log). */
export function signers(): { admin: Signer; alice: Signer; bob: Signer; opOwner: Signer; svcOwner: Signer; mallory: Signer } {
  admin.nonce = 0n;
  return {
    admin,
    alice: new Signer('ed25519', 0xb1),
    bob: new Signer('secp256k1', 0xb2),
    opOwner: new Signer('secp256k1', 0xc1),
    svcOwner: new Signer('ed25519', 0xc2),
    mallory: new Signer('ed25519', 0xee),
  };
}

export function openService(b: Backend, o: Partial<ServiceOptions> = {}): Promise<LedgerServiceApi> {
  return openLedgerService({ ...b.store(), chainId, admins: [admin.account], blockTimeS: 0, follow: false, snapshotEvery: 0, ...o });
}
