/**
 * Checks 43–45 against forged records (issue 12): the sector issuers' keys, their signed
 * logs, and counted ballots within the smallest log. Each forgery is what a server (or a
 * member's stolen session) could write, the chain and the server's report recomputed;
 * each fails naming the member, the contest and the seq.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { issuerRegistration } from '../../src/client/issuer.js';
import { generateIssuanceKey, verifyTokenNode } from '../../src/crypto/token-issuer.js';
import { signIssuerKey, signIssuerLog } from '../../src/record/issuer-statements.js';
import { type CheckKey, type VerificationReport, checkNumber, verifyRecord } from '../../src/verify/index.js';
import { seedOf } from './synthetic-governance.js';
import { issuerLogEntry } from './synthetic-issuers.js';
import { type SyntheticRecord, syntheticRecord } from './synthetic-record.js';
import { type AnyRecord, clone, flipHex, indexOf, rehash } from './tamper.js';

let honest: SyntheticRecord;
beforeAll(async () => { honest = await syntheticRecord(); }, 120_000);

const ISSUER_CHECKS: readonly CheckKey[] = ['issuer_keys', 'issuer_logs', 'counted_within_issuer_logs'];
const verify = (record: unknown, partial = false) => verifyRecord(record, { tokenVerifier: verifyTokenNode, partial });
const failedKeys = (r: VerificationReport) => r.checks.filter((c) => !c.ok).map((c) => c.key);
const failures = (r: VerificationReport, key: CheckKey) => r.checks.find((c) => c.key === key)!.failures.map((f) => `${f.item}: ${f.detail.en}`);
const fresh = () => clone(honest.record) as unknown as AnyRecord;
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
    expect(failures(r, 'counted_within_issuer_logs')).toEqual([expect.stringMatching(/^issuer member-2 \(civil_society\), contest plwha: there is no valid issuer log of this issuer before the result \(seq \d+\): its requests cannot bound the 4 counted ballots$/)]);
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
    expect(failures(r, 'counted_within_issuer_logs')).toEqual([`contest tb: 3 counted ballots, but the smallest issuer log (member member-2, seq ${i}) has only 1 valid signed requests`]);
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

  it('a log posted after the result fails', async () => {
    const rec = fresh();
    const i = at(rec, 'issuer_log', 'member-2', 'alt');
    const [log] = rec.events.splice(i, 1);
    rec.events.splice(indexOf(rec, 'result') + 1, 0, log);
    const r = await verify(resealed(rec));
    const seq = indexOf(rec, 'result') + 1;
    expect(failures(r, 'issuer_logs')).toEqual([`issuer log seq ${seq} of member member-2, contest tb: posted after the result (seq ${seq - 1})`]);
    expect(failures(r, 'counted_within_issuer_logs')).toEqual([expect.stringMatching(/^issuer member-2 \(civil_society\), contest tb: there is no valid issuer log/)]);
  });
});

describe('check 45 counted_within_issuer_logs', () => {
  it('counted ballots above the smallest log fail, naming the contest and the log', async () => {
    const rec = fresh();
    const i = at(rec, 'issuer_log', 'member-1', 'board');
    relog(rec, i, (log) => { log.entries = log.entries.slice(0, 2); });
    const r = await verify(resealed(rec));
    expect(failedKeys(r)).toEqual(['counted_within_issuer_logs']);
    expect(failures(r, 'counted_within_issuer_logs')).toEqual([`contest plwha: 4 counted ballots, but the smallest issuer log (member member-1, seq ${i}) has only 2 valid signed requests`]);
  });

  it('an issuer with no log fails once the record has its result; before the result the check is pending', async () => {
    const rec = fresh();
    rec.events.splice(at(rec, 'issuer_log', 'member-2', 'alt'), 1);
    const r = await verify(resealed(rec));
    expect(failedKeys(r)).toEqual(['counted_within_issuer_logs']);
    expect(failures(r, 'counted_within_issuer_logs')).toEqual([`issuer member-2 (civil_society), contest tb: there is no valid issuer log of this issuer before the result (seq ${indexOf(rec, 'result')}): its requests cannot bound the 3 counted ballots`]);
    const early = (await syntheticRecord({ stopAfter: 'close' })).record;
    const p = await verify(early, true);
    expect(p.checks.find((c) => c.key === 'counted_within_issuer_logs')).toMatchObject({ ok: true, pending: true });
  }, 120_000);
});
