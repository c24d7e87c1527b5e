/**
 * Check `witnessed_heads` (issue 12 item 7; docs/election-record.md §6.9, §7): every
 * `head_witnessed` event carries a valid signature (record/witness-statement.ts) by a
 * committee member under the account key the member held in force at that point of the
 * board, and the head it names is a prefix of this board — the event at its seq, before
 * the witness, has its hash. A ballot removed and the chain and tracking codes recomputed
 * after a witness, or a fork shown to that witness, fails here naming the witness and the
 * seq: the server cannot sign for the member.
 *
 * The witnessed event may be a ballot, which the verifier does not keep (state.ts); so
 * {@link BoardHashes} keeps every event's hash, 32 bytes each, as the record streams in.
 * Browser-safe.
 * @module
 */
import type { PayloadOf } from '../record/board.js';
import { verifyWitness } from '../record/witness-statement.js';
import type { Governance } from './governance.js';
import { short } from './findings.js';
import { text } from './report.js';
import type { VerifyState } from './state.js';

const HEX = /^[0-9a-f]{64}$/;

/** Every event's hash by its position in the record, as it streams past. */
export class BoardHashes {
  #bytes = new Uint8Array(32 * 1024);
  #known = new Uint8Array(1024);
  #length = 0;

  /** Keep the hash of the element at `index` (any JSON value; a missing or malformed hash is kept as unknown). */
  see(value: unknown, index: number): void {
    if (index >= this.#known.length) this.#grow(index + 1);
    this.#length = Math.max(this.#length, index + 1);
    const hash = (value as { hash?: unknown } | null)?.hash;
    if (typeof hash !== 'string' || !HEX.test(hash)) return;
    for (let i = 0; i < 32; i++) this.#bytes[32 * index + i] = parseInt(hash.slice(2 * i, 2 * i + 2), 16);
    this.#known[index] = 1;
  }

  /** The hash (hex) of the event at position `index`, or undefined if the record has none there. */
  at(index: number): string | undefined {
    if (!Number.isInteger(index) || index < 0 || index >= this.#length || this.#known[index] !== 1) return undefined;
    let hex = '';
    for (let i = 0; i < 32; i++) hex += this.#bytes[32 * index + i]!.toString(16).padStart(2, '0');
    return hex;
  }

  #grow(min: number): void {
    let n = this.#known.length;
    while (n < min) n *= 2;
    const known = new Uint8Array(n);
    known.set(this.#known);
    const bytes = new Uint8Array(32 * n);
    bytes.set(this.#bytes);
    this.#known = known;
    this.#bytes = bytes;
  }
}

/** Check `witnessed_heads`; returns how many witnesses there are and how many hold. */
export function checkWitnessedHeads(s: VerifyState, g: Governance, hashes: BoardHashes): { total: number; valid: number } {
  let valid = 0;
  for (const { event, memberKey } of g.witnesses) {
    const data = event.data as PayloadOf<'head_witnessed'>;
    const item = {
      item: `witness seq ${event.seq} by member ${data.memberId} of head seq ${data.seq}`,
      itemText: text(`testigo seq ${event.seq} del miembro ${data.memberId} de la cabeza seq ${data.seq}`, `witness seq ${event.seq} by member ${data.memberId} of head seq ${data.seq}`),
      where: { seq: event.seq },
    };
    const bad = (es: string, en: string) => { s.f.add('witnessed_heads', item, text(es, en)); };
    const member = g.members.get(data.memberId);
    if (member === undefined) { bad(`${data.memberId} no es miembro del comité`, `${data.memberId} is not a committee member`); continue; }
    if (memberKey === null) { bad(`el miembro ${data.memberId} no tiene clave de cuenta vigente en ese punto del tablero`, `member ${data.memberId} holds no account key in force at that point of the board`); continue; }
    if (!verifyWitness(memberKey, { electionId: s.electionId ?? '', seq: data.seq, hash: data.hash }, data.signature)) {
      bad(`la firma no es válida con la clave de cuenta ${short(memberKey)} del miembro (${member.fullName})`,
        `the signature does not verify under the member's account key ${short(memberKey)} (${member.fullName})`);
      continue;
    }
    if (data.seq >= event.index) {
      bad(`atestigua un evento que no lo precede (seq ${data.seq})`, `witnesses an event that does not precede it (seq ${data.seq})`);
      continue;
    }
    const final = hashes.at(data.seq);
    if (final !== data.hash) {
      bad(`${member.fullName} (${member.sector}) vio en seq ${data.seq} el evento ${short(data.hash)}, pero el tablero final tiene ${final === undefined ? 'nada' : short(final)} ahí: el tablero fue reescrito o bifurcado después de su testimonio`,
        `${member.fullName} (${member.sector}) saw event ${short(data.hash)} at seq ${data.seq}, but the final board has ${final === undefined ? 'nothing' : short(final)} there: the board was rewritten or forked after this witness`);
      continue;
    }
    valid++;
  }
  return { total: g.witnesses.length, valid };
}
