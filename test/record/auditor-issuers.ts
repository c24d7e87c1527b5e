/**
 * The independent auditor's §7.18–7.20 (checks Y, L and N of docs/election-record.md):
 * the sector issuers' keys, their signed logs and the counted ballots within the smallest
 * log, written from the document alone (§6.9 for the messages, §2.5 and §2.6 for the
 * signatures, evaluated with libsodium and OpenSSL through auditor.ts). Imports nothing
 * of src/.
 */
import { canonicalJson, ed25519Valid, hex, issuanceKey, tokenSignatureValid } from './auditor.js';
import type { AuditEvent, CommitteeAudit } from './auditor-committee.js';

type Bytes = Uint8Array;
type Json = Record<string, unknown>;

const utf8 = (s: string): Bytes => new TextEncoder().encode(s);
const frame = (b: Bytes): Bytes => {
  const out = new Uint8Array(4 + b.length);
  new DataView(out.buffer).setUint32(0, b.length, false);
  out.set(b, 4);
  return out;
};
const cat = (a: Bytes, b: Bytes): Bytes => { const out = new Uint8Array(a.length + b.length); out.set(a); out.set(b, a.length); return out; };
/** §6.9: u32be(len tag) ‖ tag ‖ u32be(len) ‖ canonicalJson(body). */
export const issuerMessage = (tag: string, body: unknown): Bytes => cat(frame(utf8(tag)), frame(canonicalJson(body)));

/** §7.18–7.20 over the events in board order, with what §7.14's walk kept (`walked`). */
export function auditIssuers(
  events: AuditEvent[], electionId: string, manifest: { json: Json; seq: number } | undefined, counted: Map<string, number> | undefined,
  walked: CommitteeAudit, fail: (check: string, message: string, seq?: number) => void,
): void {
  const close = events.find((e) => e.kind === 'close');
  const result = events.find((e) => e.kind === 'result');
  const contests = (manifest?.json.contests ?? []) as Json[];
  // Y1–Y5: the registrations that hold, per `contest\nkeyId`.
  const registered = new Map<string, { memberId: string; sector: string; spki: string }>();
  const memberKeys = new Set<string>();
  for (const e of events.filter((x) => x.kind === 'issuer_key' && x.ok)) {
    const p = e.payload;
    const key = p.issuanceKey as Json;
    const member = walked.members.get(p.memberId as string);
    const account = walked.keyAt.get(e.seq) ?? null;
    const decoded = issuanceKey(key);
    const body = { electionId, contestId: p.contestId, memberId: p.memberId, keyId: key.keyId };
    const bad = (manifest !== undefined && e.seq > manifest.seq) // Y1
      || member === undefined || member.sector !== p.sector || (manifest !== undefined && !contests.some((c) => c.id === p.contestId)) // Y2
      || decoded === null // Y3
      || account === null || !tokenSignatureValid(decoded, issuerMessage('anfora/v1/issuer-key-possession', body), hex(p.pop)!) // Y4
      || !ed25519Valid(hex(account, 32)!, issuerMessage('anfora/v1/issuer-key-registration', body), hex(p.signature, 64)!)
      || memberKeys.has(`${String(p.contestId)}\n${String(p.memberId)}`) || registered.has(`${String(p.contestId)}\n${String(key.keyId)}`); // Y5
    if (bad) { fail('Y1', `issuer key of member ${String(p.memberId)} for ${String(p.contestId)}`, e.seq); continue; }
    memberKeys.add(`${String(p.contestId)}\n${String(p.memberId)}`);
    registered.set(`${String(p.contestId)}\n${String(key.keyId)}`, { memberId: p.memberId as string, sector: p.sector as string, spki: key.spki as string });
  }
  if (manifest !== undefined) {
    // Y6: the manifest's issuers are exactly the registrations; Y7: the rule.
    const k = manifest.json.rules && (manifest.json.rules as Json).issuerThreshold;
    const kOk = Number.isSafeInteger(k) && (k as number) >= 2 && (k as number) <= 16;
    if (!kOk) fail('Y7', `issuerThreshold ${String(k)}`, manifest.seq);
    const threshold = kOk ? k as number : Number.isSafeInteger(k) && (k as number) > 2 ? Math.min(k as number, 16) : 2;
    for (const c of contests) {
      const listed = (c.issuers ?? []) as Json[];
      listed.forEach((x, j) => {
        const key = x.issuanceKey as Json;
        const r = registered.get(`${String(c.id)}\n${String(key.keyId)}`);
        if (r === undefined || r.memberId !== x.memberId || r.sector !== x.sector || r.spki !== key.spki
          || (j > 0 && !(((listed[j - 1]!.issuanceKey as Json).keyId as string) < (key.keyId as string)))) fail('Y6', `issuer ${j} of ${String(c.id)}`, manifest.seq);
      });
      for (const [pair, r] of registered) {
        const [contestId, keyId] = pair.split('\n');
        if (contestId === c.id && !listed.some((x) => (x.issuanceKey as Json).keyId === keyId)) fail('Y6', `registered key of ${r.memberId} not listed for ${String(c.id)}`, manifest.seq);
      }
      if (new Set(listed.map((x) => x.memberId)).size < threshold || new Set(listed.map((x) => x.sector)).size < 2) fail('Y7', `issuers of ${String(c.id)}`, manifest.seq);
    }
  }
  // L1–L5: the logs, and the valid requests of each.
  const logs = new Map<string, { memberId: string; valid: number }>();
  const seenLog = new Set<string>();
  for (const e of events.filter((x) => x.kind === 'issuer_log' && x.ok)) {
    const log = e.payload.log as Json;
    const account = walked.keyAt.get(e.seq) ?? null;
    const r = registered.get(`${String(log.contestId)}\n${String(log.keyId)}`);
    const bad = close === undefined || e.seq < close.seq || (result !== undefined && e.seq > result.seq) // L1
      || log.electionId !== electionId || !walked.members.has(log.memberId as string) || account === null // L2
      || !ed25519Valid(hex(account, 32)!, issuerMessage('anfora/v1/issuer-log', log), hex(e.payload.signature, 64)!)
      || r === undefined || r.memberId !== log.memberId // L3
      || seenLog.has(`${String(log.contestId)}\n${String(log.memberId)}`); // L4
    if (bad) { fail('L1', `issuer log of member ${String(log.memberId)} for ${String(log.contestId)}`, e.seq); continue; }
    seenLog.add(`${String(log.contestId)}\n${String(log.memberId)}`);
    const roll = new Set(((contests.find((c) => c.id === log.contestId)?.roll ?? []) as Json[]).map((a) => a.associationId));
    let valid = 0;
    for (const x of log.entries as Json[]) {
      const q = x.request as Json;
      const a = q.associationId as string;
      const key = (walked.assocKeys.get(a) ?? []).find((y) => y.key === x.publicKey);
      const bad5 = q.electionId !== electionId || q.contestId !== log.contestId
        || !(q.blindedMessages as Json[]).some((b) => b.keyId === log.keyId)
        || !roll.has(a) || walked.accredited.get(`${String(log.contestId)}\n${a}`) !== true
        || key === undefined || (manifest !== undefined && key.revoked !== undefined && key.revoked < manifest.seq) || key.from > close.seq
        || !ed25519Valid(hex(x.publicKey, 32)!, issuerMessage('anfora/v1/issued-token-request', q), hex(x.signature, 64)!);
      if (bad5) fail('L5', `request of ${a} in the log of ${String(log.memberId)}`, e.seq);
      else valid++;
    }
    logs.set(`${String(log.contestId)}\n${String(log.keyId)}`, { memberId: log.memberId as string, valid });
  }
  // N1: counted ballots within the smallest log.
  if (manifest === undefined || close === undefined || counted === undefined) return;
  for (const c of contests) {
    const listed = (c.issuers ?? []) as Json[];
    const n = counted.get(c.id as string) ?? 0;
    if (listed.length === 0) { fail('N1', `contest ${String(c.id)}: no issuers`, close.seq); continue; }
    let smallest = Infinity;
    for (const x of listed) {
      const log = logs.get(`${String(c.id)}\n${String((x.issuanceKey as Json).keyId)}`);
      if (log === undefined) { if (result !== undefined) fail('N1', `issuer ${String(x.memberId)} of ${String(c.id)}: no log`, result.seq); continue; }
      smallest = Math.min(smallest, log.valid);
    }
    if (n > smallest) fail('N1', `contest ${String(c.id)}: ${n} counted above the smallest log (${smallest})`, close.seq);
  }
}
