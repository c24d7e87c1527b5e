/**
 * What runs after a manifest failure (docs/election-record.md §7, "After a manifest
 * failure"), the same for a record read from its text and for a parsed one: a manifest
 * whose published hash is wrong (M1) stops nothing — a bad ballot beside it is still named
 * under its own check — while a manifest that does not decode (M3) leaves the ballot checks
 * "cannot be checked".
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyRsaPssNode } from '../../src/crypto/token-issuer.js';
import { type VerificationReport, verifyRecord, verifyRecordText } from '../../src/verify/index.js';
import { type SyntheticRecord, syntheticRecord } from './synthetic-record.js';

let honest: SyntheticRecord;
beforeAll(async () => { honest = await syntheticRecord(); }, 120_000);

const options = { tokenVerifier: verifyRsaPssNode };
type Ev = { kind: string; payload: any };
const failing = (r: VerificationReport) => r.checks.filter((c) => !c.ok).map((c) => c.key);
const both = async (r: unknown) => {
  const parsed = await verifyRecord(r, options);
  const read = await verifyRecordText(JSON.stringify(r), options);
  expect(read.checks.map((c) => [c.key, c.failures.map((x) => x.item)])).toEqual(parsed.checks.map((c) => [c.key, c.failures.map((x) => x.item)]));
  return parsed;
};
/** A ballot whose first 0-or-1 proof response is moved by one (still a scalar). */
function breakProof(events: Ev[]): void {
  const br = events.find((e) => e.kind === 'ballot')!.payload.ballot.selections[0].proof.branches[0];
  br.response = (br.response.startsWith('00') ? '01' : '00') + br.response.slice(2);
}

describe('after a manifest failure', () => {
  it('a wrong published manifest hash (M1) fails check 4, and the ballots are still checked with the recomputed hash', async () => {
    const r = structuredClone(honest.record) as unknown as { events: Ev[] };
    r.events.find((e) => e.kind === 'manifest')!.payload.hash = '00'.repeat(32);
    breakProof(r.events);
    const report = await both(r);
    expect(failing(report)).toContain('manifest');
    const proofs = report.checks.find((c) => c.key === 'ballot_proofs')!;
    expect(proofs.failures.map((x) => x.detail.en)).toEqual([expect.stringMatching(/0-or-1 proof does not verify/)]);
  });

  it('a manifest that does not decode (M3) leaves the ballot checks "cannot be checked"', async () => {
    const r = structuredClone(honest.record) as unknown as { events: Ev[] };
    // 32 bytes of 0xff: hex of the right length, not a ristretto255 encoding.
    r.events.find((e) => e.kind === 'manifest')!.payload.manifest.jointPublicKey = 'ff'.repeat(32);
    breakProof(r.events);
    const report = await both(r);
    expect(failing(report)).toContain('manifest');
    for (const key of ['ballot_tokens', 'ballot_signatures', 'ballot_proofs', 'tracking_codes', 'one_ballot_per_token'] as const) {
      const c = report.checks.find((x) => x.key === key)!;
      expect(c.failures.map((x) => x.detail.en), key).toEqual(['cannot be checked: there is no valid manifest']);
    }
  });

  it('a manifest without its shape fails check 1 for each error, and check 4 only as "cannot be checked"', async () => {
    const r = structuredClone(honest.record) as unknown as { events: Ev[] };
    const m = r.events.find((e) => e.kind === 'manifest')!.payload.manifest;
    delete m.title;
    m.threshold = 'two';
    const report = await both(r);
    const format = report.checks.find((c) => c.key === 'format')!;
    expect(format.failures.filter((x) => /manifest/.test(x.item)).length).toBe(1);
    expect(format.failures.find((x) => /manifest/.test(x.item))!.detail.en).toMatch(/title[\s\S]*threshold|threshold[\s\S]*title/);
    const manifest = report.checks.find((c) => c.key === 'manifest')!;
    expect(manifest.failures.map((x) => x.detail.en)).toEqual(['cannot be checked: the manifest does not have its shape (check 1 names each error)']);
  });
});
