/**
 * The complaint log of an election record (docs/voting-protocol.md "Complaints"): every
 * `complaint` event in board order with the committee's `complaint_answer`, matched by
 * complaint id and the hash of the complaint event it names. Whether the log keeps its
 * windows and answers each complaint once is the verifier's check; this only reads it for
 * people. Pure; events that do not parse are left out, never thrown on.
 * @module
 */
import { parsePayload } from '../../record/board.js';

export interface ComplaintAnswer {
  readonly decision: 'upheld' | 'dismissed';
  readonly reasoning: string;
  /** Sectors of the committee members whose approvals made the decision. */
  readonly sectors: readonly string[];
  readonly at: string;
  readonly seq: number;
}

export interface ComplaintEntry {
  readonly complaintId: string;
  readonly seq: number;
  /** When it was filed (the event's time). */
  readonly at: string;
  readonly window: string;
  readonly category: string;
  readonly text: string;
  readonly attachments: readonly { readonly name: string; readonly sha256: string }[];
  readonly complainant: { readonly role: string; readonly name: string | null } | null;
  readonly answer: ComplaintAnswer | null;
}

interface Ev { kind?: unknown; payload?: unknown; seq?: unknown; at?: unknown; hash?: unknown }

/** The record's complaints, in board order, each with its answer if there is one. */
export function complaintLog(record: unknown): ComplaintEntry[] {
  const events = (record as { events?: unknown } | null)?.events;
  if (!Array.isArray(events)) return [];
  const out: ComplaintEntry[] = [];
  const byId = new Map<string, { index: number; hash: unknown }>();
  for (const e of events as Ev[]) {
    const at = typeof e?.at === 'string' ? e.at : '';
    const seq = typeof e?.seq === 'number' ? e.seq : -1;
    if (e?.kind === 'complaint') {
      const p = parsePayload('complaint', e.payload);
      if (!p.ok || byId.has(p.payload.complaintId)) continue;
      byId.set(p.payload.complaintId, { index: out.length, hash: e.hash });
      out.push({
        complaintId: p.payload.complaintId, seq, at, window: p.payload.window, category: p.payload.category, text: p.payload.text,
        attachments: p.payload.attachments, complainant: p.payload.complainant, answer: null,
      });
    } else if (e?.kind === 'complaint_answer') {
      const p = parsePayload('complaint_answer', e.payload);
      if (!p.ok) continue;
      const target = byId.get(p.payload.complaintId);
      // An answer to another event, or a second answer, is the verifier's finding, not the log's entry.
      if (target === undefined || target.hash !== p.payload.complaintEvent || out[target.index]!.answer !== null) continue;
      out[target.index] = {
        ...out[target.index]!,
        answer: { decision: p.payload.decision, reasoning: p.payload.reasoning, sectors: p.payload.sectors, at, seq },
      };
    }
  }
  return out;
}
