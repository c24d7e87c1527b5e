/**
 * Check 29 (issue 11; docs/election-record.md §6.8, §7.14 G6): every trustee key on the
 * board was registered by its member, signed with that member's account key in force at
 * that point of the board. Without it, whoever holds the members' sessions could have
 * posted trustee keys of its own and decrypted alone.
 * @module
 */
import type { PayloadOf } from '../record/board.js';
import { verifyTrusteeKey } from '../record/trustee-key-statement.js';
import type { Governance } from './governance.js';
import { short } from './findings.js';
import { text } from './report.js';
import type { VerifyState } from './state.js';

const KEY = text('clave', 'key');

/** Check 29 over what the governance walk gathered. */
export function checkTrusteeKeySignatures(s: VerifyState, g: Governance): void {
  const { f, names } = s;
  const committeeOrder = [...g.members.keys()];
  const manifestTrustees = s.manifest?.json.trustees;
  for (const { event, memberKey } of g.trusteeKeys) {
    const data = event.data as PayloadOf<'trustee_key'>;
    const item = names.trustee(data.trustee, KEY, event.seq);
    const bad = (es: string, en: string) => f.add('trustee_key_signatures', item, text(es, en));
    // The trustee's member: the manifest names it; before the manifest, committee order.
    const expected = manifestTrustees !== undefined
      ? manifestTrustees.find((t) => t.index === data.trustee)?.memberId
      : committeeOrder[data.trustee - 1];
    if (expected !== data.memberId) {
      bad(`la registra el miembro ${data.memberId}, pero el custodio ${data.trustee} es ${expected ?? '(nadie)'}`,
        `registered by member ${data.memberId}, but trustee ${data.trustee} is ${expected ?? '(nobody)'}`);
      continue;
    }
    if (memberKey === null) {
      bad(`el miembro ${data.memberId} no tiene clave de cuenta vigente en ese punto del tablero`, `member ${data.memberId} holds no account key in force at that point of the board`);
      continue;
    }
    const statement = { electionId: s.electionId ?? '', memberId: data.memberId, trustee: data.trustee, publicKey: data.publicKey };
    if (!verifyTrusteeKey(memberKey, statement, data.signature)) {
      bad(`la firma del miembro ${data.memberId} no es válida con su clave de cuenta ${short(memberKey)}`,
        `member ${data.memberId}'s signature does not verify under their account key ${short(memberKey)}`);
    }
  }
}
