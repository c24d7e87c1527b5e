/**
 * scripts/make-record.ts, the generator of large records for the verifier's bench
 * (issue 14), writes a record that the verifier accepts in full: a few ballots made in a
 * worker thread, with the committee's decisions, the issuers' tokens and logs, the tally
 * and the signed report. It broke unnoticed once (when casting moved to the issuers'
 * token); this keeps it honest.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { verifyBallotSignatureNode } from '../../src/crypto/ballot-signature-node.js';
import { sodiumProofBackend, sodiumReady } from '../../src/crypto/sodium-ballots.js';
import { verifyRsaPssNode } from '../../src/crypto/token-issuer.js';
import { verifyRecord } from '../../src/verify/index.js';

it('writes a record of N ballots that passes all 35 checks', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'anfora-make-record-')), 'record.json');
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/make-record.ts', '6', path, '--workers', '1'], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  const record = JSON.parse(readFileSync(path, 'utf8')) as { events: { kind: string }[] };
  expect(record.events.filter((e) => e.kind === 'ballot')).toHaveLength(6);
  expect(record.events.filter((e) => e.kind === 'issuer_log')).toHaveLength(2);
  await sodiumReady;
  const report = await verifyRecord(record, { tokenVerifier: verifyRsaPssNode, signatureVerifier: verifyBallotSignatureNode, proofBackend: sodiumProofBackend });
  expect(report.checks.filter((c) => !c.ok).map((c) => `${c.key}: ${c.failures.map((f) => f.detail.en).join('; ')}`)).toEqual([]);
  expect(report.verdict.en).toBe('The record is valid: all 35 checks pass.');
  expect(report.stage).toBe('published');
}, 120_000);
