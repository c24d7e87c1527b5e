/**
 * Checks 43–45 against forged records (issue 12): the sector issuers' keys, their signed
 * logs, and counted ballots within the smallest log. Each forgery is what a server (or a
 * member's stolen session) could write, the chain and the server's report recomputed;
 * each fails naming the member, the contest and the seq.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { issuerRegistration } from '../../src/client/issuer.js';
import { generateIssuanceKey, verifyRsaPssNode } from '../../src/crypto/token-issuer.js';
import { sodiumReady, verifyStrictSignatureSodium } from '../../src/crypto/sodium-ballots.js';
import { readFileSync } from 'node:fs';
import { ed25519 } from '@noble/curves/ed25519.js';
import { toHex } from '../../src/crypto/group.js';
import { verifyStrictSignatureNode } from '../../src/crypto/ballot-signature-node.js';
import { issuerKeyPossessionMessage, issuerKeyRegistrationMessage, issuerLogMessage, signIssuerKey, signIssuerLog, verifyIssuerLog } from '../../src/record/issuer-statements.js';
import { issuedTokenRequestMessage, signIssuedTokenRequest } from '../../src/record/statements.js';
import { type CheckKey, type VerificationReport, checkNumber, verifyRecord } from '../../src/verify/index.js';
import { seedOf } from './synthetic-governance.js';
import { issuerLogEntry } from './synthetic-issuers.js';
import { type SyntheticRecord, syntheticRecord } from './synthetic-record.js';
import { type AnyRecord, clone, flipHex, indexOf, rehash } from './tamper.js';

let honest: SyntheticRecord;
beforeAll(async () => { await sodiumReady; honest = await syntheticRecord(); }, 120_000);

const ISSUER_CHECKS: readonly CheckKey[] = ['issuer_keys', 'issuer_logs', 'counted_within_issuer_logs'];
/** The report with noble's signature checks, after asserting that the CLI's (libsodium's) gives exactly the same. */
async function verify(record: unknown, partial = false): Promise<VerificationReport> {
  const report = await verifyRecord(record, { tokenVerifier: verifyRsaPssNode, partial });
  expect(await verifyRecord(record, { tokenVerifier: verifyRsaPssNode, partial, statementVerifier: verifyStrictSignatureSodium })).toEqual(report);
  return report;
}
const failedKeys = (r: VerificationReport) => r.checks.filter((c) => !c.ok).map((c) => c.key);
const failures = (r: VerificationReport, key: CheckKey) => r.checks.find((c) => c.key === key)!.failures.map((f) => `${f.item}: ${f.detail.en}`);
const fresh = (s: SyntheticRecord = honest) => clone(s.record) as unknown as AnyRecord;
const resealed = (rec: AnyRecord) => rehash(rec, { receiptSecret: honest.receiptSecret });
/** Position of the `issuer_key` (or `issuer_log`) event of `member` for `contest`. */
function at(rec: AnyRecord, kind: 'issuer_key' | 'issuer_log', member: string, contest: string): number {
  const i = rec.events.findIndex((e) => e.kind === kind && (kind === 'issuer_key' ? e.payload : e.payload.log).memberId === member && (kind === 'issuer_key' ? e.payload : e.payload.log).contestId === contest);
  if (i < 0) throw new Error(`no ${kind} of ${member} for ${contest}`);
  return i;
}
/** Change the log at `i` and sign it again with `signer`'s account key. */
function relog(rec: AnyRecord, i: number, change: (log: any) => void, signer?: string): void {
  const log = rec.events[i].payload.log;
  change(log);
  rec.events[i].payload.signature = signIssuerLog(seedOf(signer ?? log.memberId), log);
}

describe('the statements of docs/election-record.md §6.9', () => {
  it('give the worked example byte for byte, and the document prints it', () => {
    const doc = readFileSync(new URL('../../docs/election-record.md', import.meta.url), 'utf8');
    const seed = Uint8Array.from({ length: 32 }, (_, i) => i + 1);
    const association = Uint8Array.from({ length: 32 }, (_, i) => i + 33);
    const body = { electionId: '7f1c2a9e-4b3d-4e5f-8a6b-0c1d2e3f4a5b', contestId: 'plwha', memberId: 'm-2', keyId: 'b0'.repeat(32) };
    const request = { electionId: body.electionId, contestId: 'plwha', associationId: 'a-1', blindedMessages: [{ keyId: body.keyId, blindedMessageHash: 'aa'.repeat(32) }] };
    const assocKey = toHex(ed25519.getPublicKey(association));
    const requestSignature = signIssuedTokenRequest(association, request);
    const log = { ...body, entries: [{ request, publicKey: assocKey, signature: requestSignature }] };
    const values: [string, string][] = [
      ['assocKey', assocKey],
      ['pos', toHex(issuerKeyPossessionMessage(body))],
      ['reg', toHex(issuerKeyRegistrationMessage(body))],
      ['regsig', signIssuerKey(seed, body)],
      ['reqmsg', toHex(issuedTokenRequestMessage(request))],
      ['reqsig', requestSignature],
      ['logmsg', toHex(issuerLogMessage(log))],
      ['logsig', signIssuerLog(seed, log)],
    ];
    expect(Object.fromEntries(values)).toEqual({
      assocKey: 'e7f162a10bec559afea195e4dce84b69568d5d2cb0963eb446c0685e2b17f2f0',
      pos: '0000001f616e666f72612f76312f6973737565722d6b65792d706f7373657373696f6e000000a57b22636f6e746573744964223a22706c776861222c22656c656374696f6e4964223a2237663163326139652d346233642d346535662d386136622d306331643265336634613562222c226b65794964223a2262306230623062306230623062306230623062306230623062306230623062306230623062306230623062306230623062306230623062306230623062306230222c226d656d6265724964223a226d2d32227d',
      reg: '00000021616e666f72612f76312f6973737565722d6b65792d726567697374726174696f6e000000a57b22636f6e746573744964223a22706c776861222c22656c656374696f6e4964223a2237663163326139652d346233642d346535662d386136622d306331643265336634613562222c226b65794964223a2262306230623062306230623062306230623062306230623062306230623062306230623062306230623062306230623062306230623062306230623062306230222c226d656d6265724964223a226d2d32227d',
      regsig: '8980dc82a188015b2cf6de92287bd3c3cf5d4f38c40521fee3b3eae938c4ac45ce7662d79ca76ee182152c18aee5b5b8bfbf7b186471fc0206d35bc844f60e09',
      reqmsg: '0000001e616e666f72612f76312f6973737565642d746f6b656e2d72657175657374000001187b226173736f63696174696f6e4964223a22612d31222c22626c696e6465644d65737361676573223a5b7b22626c696e6465644d65737361676548617368223a2261616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161222c226b65794964223a2262306230623062306230623062306230623062306230623062306230623062306230623062306230623062306230623062306230623062306230623062306230227d5d2c22636f6e746573744964223a22706c776861222c22656c656374696f6e4964223a2237663163326139652d346233642d346535662d386136622d306331643265336634613562227d',
      reqsig: 'd6e19fa369e3afdc5fd37af6212c91e988b60996ed881f4d1957d39b7a5226d3097cb4098eea492214fcb88942f900d85e76051f4ebde537786820f764acb705',
      logmsg: '00000014616e666f72612f76312f6973737565722d6c6f67000002b47b22636f6e746573744964223a22706c776861222c22656c656374696f6e4964223a2237663163326139652d346233642d346535662d386136622d306331643265336634613562222c22656e7472696573223a5b7b227075626c69634b6579223a2265376631363261313062656335353961666561313935653464636538346236393536386435643263623039363365623434366330363835653262313766326630222c2272657175657374223a7b226173736f63696174696f6e4964223a22612d31222c22626c696e6465644d65737361676573223a5b7b22626c696e6465644d65737361676548617368223a2261616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161222c226b65794964223a2262306230623062306230623062306230623062306230623062306230623062306230623062306230623062306230623062306230623062306230623062306230227d5d2c22636f6e746573744964223a22706c776861222c22656c656374696f6e4964223a2237663163326139652d346233642d346535662d386136622d306331643265336634613562227d2c227369676e6174757265223a226436653139666133363965336166646335666433376166363231326339316539383862363039393665643838316634643139353764333962376135323236643330393763623430393865656134393232313466636238383934326639303064383565373630353166346562646535333737383638323066373634616362373035227d5d2c226b65794964223a2262306230623062306230623062306230623062306230623062306230623062306230623062306230623062306230623062306230623062306230623062306230222c226d656d6265724964223a226d2d32227d',
      logsig: 'f478bb7f7c0a15a2d2427f564aabbe8f441a8ad5dd1bb18f655c139de64258743e76490b7605601b8f051522d0a400a96fd5d9768bb4dd4d1c3331921b2a1f0d',
    });
    // The document prints each value in full (hex listings wrapped at 96 digits).
    const flat = doc.replace(/\n(?=[0-9a-f]{1,96}\n)/g, '');
    for (const [name, hex] of values) expect(flat, name).toContain(hex);
    expect(verifyIssuerLog('79b5562e8fe654f94078b112e8a98ba7901f853ae695bed7e0e3910bad049664', log, values[7]![1])).toBe(true);
    expect(verifyIssuerLog('79b5562e8fe654f94078b112e8a98ba7901f853ae695bed7e0e3910bad049664', log, values[7]![1], verifyStrictSignatureNode)).toBe(true);
  });
});

describe('the honest record', () => {
  it('passes checks 43, 44 and 45, numbered after the later checks', async () => {
    const r = await verify(honest.record);
    expect(failedKeys(r)).toEqual([]);
    expect(ISSUER_CHECKS.map(checkNumber)).toEqual([43, 44, 45]);
    expect(honest.record.events.filter((e) => e.kind === 'issuer_key')).toHaveLength(4);
    expect(honest.record.events.filter((e) => e.kind === 'issuer_log')).toHaveLength(4);
  });
});

describe('check 43 issuer_keys', () => {
  it('a bad proof of possession fails, naming the member, contest and seq', async () => {
    const rec = fresh();
    const i = at(rec, 'issuer_key', 'member-1', 'board');
    rec.events[i].payload.pop = flipHex(rec.events[i].payload.pop, 10);
    const r = await verify(resealed(rec));
    expect(failures(r, 'issuer_keys')).toContain(`issuer key seq ${i} of member member-1, contest plwha: the proof of possession does not verify under the issuing key ${rec.events[i].payload.issuanceKey.keyId.slice(0, 16)}…`);
    // The manifest then lists a key that is not validly registered, and the member's log names it.
    expect(failures(r, 'issuer_keys').some((x) => /^manifest contests\[0\]\.issuers\[\d\]: key .* of member member-1 is not a registered issuing key/.test(x))).toBe(true);
    expect(failedKeys(r).every((k) => ISSUER_CHECKS.includes(k))).toBe(true);
  });

  it('a registration signed by another member\'s account key fails', async () => {
    const rec = fresh();
    const i = at(rec, 'issuer_key', 'member-2', 'alt');
    const p = rec.events[i].payload;
    p.signature = signIssuerKey(seedOf('member-3'), { electionId: honest.record.electionId, contestId: 'alt', memberId: 'member-2', keyId: p.issuanceKey.keyId });
    const r = await verify(resealed(rec));
    expect(failures(r, 'issuer_keys')).toContainEqual(expect.stringMatching(new RegExp(`^issuer key seq ${i} of member member-2, contest tb: the member's signature does not verify under their account key`)));
  });

  it('an issuing key registered for two contests fails at the second, naming both, whoever registers it', async () => {
    // The blinded message hides the contest: a key of plwha and tb would sign plwha's tokens for tb.
    for (const [member, owner] of [['member-1', 'member-1'], ['member-2', 'member-1']] as const) {
      const rec = fresh();
      const first = at(rec, 'issuer_key', owner, 'board');
      const key = honest.issuers[owner === 'member-1' ? 0 : 1]!;
      const i = at(rec, 'issuer_key', member, 'alt');
      const again = issuerRegistration(honest.record.electionId, 'alt', member, key, seedOf(member));
      Object.assign(rec.events[i].payload, { issuanceKey: again.issuanceKey, pop: again.pop, signature: again.signature });
      const r = await verify(resealed(rec));
      const keyId = again.issuanceKey.keyId;
      expect(keyId).toBe(rec.events[first].payload.issuanceKey.keyId);
      expect(failures(r, 'issuer_keys'), member).toContain(`issuer key seq ${i} of member ${member}, contest tb: the issuing key ${keyId.slice(0, 16)}… is already registered for contest plwha (seq ${first}, member ${owner}); a key serves one contest only, because a blind signer cannot see the contest and would sign tokens of plwha for tb`);
    }
  }, 120_000);

  it('a registered key the manifest does not list fails; so does a registration after the manifest', async () => {
    const rec = fresh();
    const m = indexOf(rec, 'manifest');
    const extra = generateIssuanceKey();
    const r3 = issuerRegistration(honest.record.electionId, 'board', 'member-3', extra, seedOf('member-3'));
    const payload = { contestId: 'board', memberId: 'member-3', sector: 'international_cooperation', issuanceKey: r3.issuanceKey, pop: r3.pop, signature: r3.signature };
    rec.events.splice(m, 0, { ...clone(rec.events[m - 1]), kind: 'issuer_key', payload: clone(payload) });
    const late = clone(rec.events[m]);
    late.payload = clone({ ...payload, contestId: 'alt', ...(() => { const x = issuerRegistration(honest.record.electionId, 'alt', 'member-3', extra, seedOf('member-3')); return { pop: x.pop, signature: x.signature }; })() });
    rec.events.splice(m + 2, 0, { ...late, kind: 'issuer_key' });
    const r = await verify(resealed(rec));
    expect(failures(r, 'issuer_keys')).toEqual([
      `issuer key seq ${m + 2} of member member-3, contest tb: registered after the manifest froze (seq ${m + 1})`,
      `issuer key seq ${m} of member member-3, contest plwha: registered, but the manifest does not list it among the contest's issuers`,
    ]);
    expect(failedKeys(r)).toEqual(['issuer_keys']);
  }, 120_000);

  it('a manifest issuer with no registration fails, and so do its log and the count it bounds', async () => {
    const rec = fresh();
    const i = at(rec, 'issuer_key', 'member-2', 'board');
    const keyId = rec.events[i].payload.issuanceKey.keyId as string;
    rec.events.splice(i, 1);
    const r = await verify(resealed(rec));
    expect(failures(r, 'issuer_keys')).toEqual([expect.stringMatching(new RegExp(`^manifest contests\\[0\\]\\.issuers\\[\\d\\]: key ${keyId.slice(0, 16)}… of member member-2 is not a registered issuing key \\(valid issuer_key\\) of contest plwha$`))]);
    const log = at(rec, 'issuer_log', 'member-2', 'board');
    expect(failures(r, 'issuer_logs')).toEqual([`issuer log seq ${log} of member member-2, contest plwha: key ${keyId.slice(0, 16)}… is not an issuing key the member registered for this contest`]);
    expect(failures(r, 'counted_within_issuer_logs')).toEqual([expect.stringMatching(/^issuer member-2 \(civil_society\), contest plwha: there is no valid issuer log of this issuer before the close \(seq \d+\): nothing bounds the 4 counted ballots under its signature$/)]);
  });


  it('a contest whose issuers cannot meet issuerThreshold of 2 sectors fails; so does an issuerThreshold below 2', async () => {
    // Changing the manifest breaks its hash and the ballots' proofs too: only check 43's failures are looked at.
    const rec = fresh();
    rec.events[indexOf(rec, 'manifest')].payload.manifest.rules.issuerThreshold = 3;
    const r = await verify(resealed(rec));
    expect(failures(r, 'issuer_keys')).toEqual(['contest plwha: 2 issuers of 2 sectors in the manifest: 3 (issuerThreshold) of at least 2 sectors are needed', 'contest tb: 2 issuers of 2 sectors in the manifest: 3 (issuerThreshold) of at least 2 sectors are needed']);
    const low = fresh();
    low.events[indexOf(low, 'manifest')].payload.manifest.rules.issuerThreshold = 1;
    expect(failures(await verify(resealed(low)), 'issuer_keys')).toEqual(['manifest rules.issuerThreshold: issuerThreshold = 1; it must be an integer 2 to 16']);
    const one = fresh();
    const sectors = one.events[indexOf(one, 'manifest')].payload.manifest.contests[1].issuers;
    for (const x of sectors) x.sector = 'government';
    expect(failures(await verify(resealed(one)), 'issuer_keys')).toContain('contest tb: 2 issuers of 1 sectors in the manifest: 2 (issuerThreshold) of at least 2 sectors are needed');
  }, 120_000);
});

describe('check 44 issuer_logs', () => {
  it('a log under another issuer\'s key, or signed by another member, fails', async () => {
    const rec = fresh();
    const i = at(rec, 'issuer_log', 'member-1', 'board');
    const other = rec.events[at(rec, 'issuer_log', 'member-2', 'board')].payload.log.keyId;
    relog(rec, i, (log) => { log.keyId = other; });
    const j = at(rec, 'issuer_log', 'member-1', 'alt');
    relog(rec, j, () => {}, 'member-3');
    const r = await verify(resealed(rec));
    expect(failures(r, 'issuer_logs')).toEqual([
      `issuer log seq ${i} of member member-1, contest plwha: key ${other.slice(0, 16)}… is not an issuing key the member registered for this contest`,
      expect.stringMatching(new RegExp(`^issuer log seq ${j} of member member-1, contest tb: the signature does not verify under the member's account key`)),
    ]);
    expect(failures(r, 'counted_within_issuer_logs')).toHaveLength(2);
  });

  it('a request of an association not on the contest\'s roll fails, naming it; the valid requests still bound the count', async () => {
    const rec = fresh();
    const i = at(rec, 'issuer_log', 'member-1', 'board');
    // alt-assoc-4 is accredited for the other contest only.
    relog(rec, i, (log) => { log.entries = [...log.entries, issuerLogEntry(honest.record.electionId, 'board', 'alt-assoc-4')].sort((a: any, b: any) => (a.request.associationId < b.request.associationId ? -1 : 1)); });
    const r = await verify(resealed(rec));
    expect(failures(r, 'issuer_logs')).toEqual([`request of association alt-assoc-4 in issuer log seq ${i} of member member-1, contest plwha: the association is not on the contest's roll`]);
    expect(failedKeys(r)).toEqual(['issuer_logs']);
  });

  it('a request signed with another key, or with no blinded message for this issuer, fails', async () => {
    const rec = fresh();
    const i = at(rec, 'issuer_log', 'member-2', 'alt');
    relog(rec, i, (log) => { log.entries[0].signature = flipHex(log.entries[0].signature, 5); log.entries[1].request.blindedMessages = log.entries[1].request.blindedMessages.filter((b: any) => b.keyId !== log.keyId); });
    const r = await verify(resealed(rec));
    const [a, b] = [rec.events[i].payload.log.entries[0].request.associationId, rec.events[i].payload.log.entries[1].request.associationId];
    expect(failures(r, 'issuer_logs')).toEqual([
      `request of association ${a} in issuer log seq ${i} of member member-2, contest tb: the association's signature on the request is not valid`,
      `request of association ${b} in issuer log seq ${i} of member member-2, contest tb: the request carries no blinded message for this issuer's key`,
    ]);
    // 3 counted ballots, 1 valid request left in member-2's log of tb.
    expect(failures(r, 'counted_within_issuer_logs')).toEqual([`issuer member-2 (civil_society), contest tb: 3 counted ballots carry its signature, but its issuer log (seq ${i}) has only 1 valid signed requests`]);
  });

  it('a duplicate association in one log is a shape failure (check 1); a second log of the same issuer fails check 44', async () => {
    const rec = fresh();
    const i = at(rec, 'issuer_log', 'member-1', 'board');
    const copy = clone(rec.events[i]);
    rec.events[i].payload.log.entries = [rec.events[i].payload.log.entries[0], ...rec.events[i].payload.log.entries];
    rec.events.splice(i + 1, 0, copy);
    const r = await verify(resealed(rec));
    expect(failures(r, 'format')).toEqual([expect.stringMatching(new RegExp(`^event seq ${i} \\(issuer_log\\).*strictly ascending associationId`))]);
    // The malformed log is not read: the copy after it is the member's one log.
    expect(failures(r, 'issuer_logs')).toEqual([]);
    const twice = fresh();
    const k = at(twice, 'issuer_log', 'member-1', 'board');
    twice.events.splice(k + 1, 0, clone(twice.events[k]));
    const r2 = await verify(resealed(twice));
    expect(failures(r2, 'issuer_logs')).toEqual([`issuer log seq ${k + 1} of member member-1, contest plwha: a second log of the member for this contest (the first is seq ${k})`]);
    expect(failedKeys(r2)).toEqual(['issuer_logs']);
  });

  it('a log posted after the close fails, and so does one posted before the manifest', async () => {
    const rec = fresh();
    const i = at(rec, 'issuer_log', 'member-2', 'alt');
    const [log] = rec.events.splice(i, 1);
    rec.events.splice(indexOf(rec, 'close') + 1, 0, log);
    const r = await verify(resealed(rec));
    const seq = indexOf(rec, 'close') + 1;
    expect(failures(r, 'issuer_logs')).toEqual([`issuer log seq ${seq} of member member-2, contest tb: posted after the close (seq ${seq - 1})`]);
    expect(failures(r, 'counted_within_issuer_logs')).toEqual([expect.stringMatching(/^issuer member-2 \(civil_society\), contest tb: there is no valid issuer log/)]);
    const early = fresh();
    const j = at(early, 'issuer_log', 'member-1', 'board');
    const [first] = early.events.splice(j, 1);
    early.events.splice(indexOf(early, 'manifest'), 0, first);
    const r2 = await verify(resealed(early));
    expect(failures(r2, 'issuer_logs')).toEqual([`issuer log seq ${indexOf(early, 'manifest') - 1} of member member-1, contest plwha: posted before the manifest`]);
  });

  it('a log posted while the token window is still open fails', async () => {
    const win = await syntheticRecord({ tokenWindow: true });
    const rec = fresh(win);
    const i = at(rec, 'issuer_log', 'member-1', 'alt');
    const [log] = rec.events.splice(i, 1);
    const w = indexOf(rec, 'token_window');
    rec.events.splice(w, 0, log);
    const r = await verify(resealed(rec));
    expect(failures(r, 'issuer_logs')).toEqual([`issuer log seq ${w} of member member-1, contest tb: posted before the token window closed (seq ${w + 1})`]);
  }, 120_000);
});

describe('check 45 counted_within_issuer_logs', () => {
  it('counted ballots above the smallest log fail, naming the contest and the log', async () => {
    const rec = fresh();
    const i = at(rec, 'issuer_log', 'member-1', 'board');
    relog(rec, i, (log) => { log.entries = log.entries.slice(0, 2); });
    const r = await verify(resealed(rec));
    expect(failedKeys(r)).toEqual(['counted_within_issuer_logs']);
    expect(failures(r, 'counted_within_issuer_logs')).toEqual([`issuer member-1 (government), contest plwha: 4 counted ballots carry its signature, but its issuer log (seq ${i}) has only 2 valid signed requests`]);
  });

  it('an issuer with no log fails once the record has its close; before the close the check is pending', async () => {
    const rec = fresh();
    rec.events.splice(at(rec, 'issuer_log', 'member-2', 'alt'), 1);
    const r = await verify(resealed(rec));
    expect(failedKeys(r)).toEqual(['counted_within_issuer_logs']);
    expect(failures(r, 'counted_within_issuer_logs')).toEqual([`issuer member-2 (civil_society), contest tb: there is no valid issuer log of this issuer before the close (seq ${indexOf(rec, 'close')}): nothing bounds the 3 counted ballots under its signature`]);
    const early = (await syntheticRecord({ stopAfter: 'issuer_log' })).record;
    const p = await verify(early, true);
    expect(p.checks.find((c) => c.key === 'counted_within_issuer_logs')).toMatchObject({ ok: true, pending: true });
  }, 120_000);
});
