/**
 * The verification report (DESIGN §4; STYLE rule 8): numbered checks, each gathering every
 * failure with the item it names, as electionguard-kotlin's `Verifier.kt` does. Texts for
 * people come in Spanish and English; `item` is a stable English identifier of what failed
 * (`"ballot #12 (seq 57, tracking code ab12cd34ef56ab78…)"`), `where` the same as data.
 * The report is plain JSON (no class instances), so it can cross a worker boundary, be
 * printed with `--json` or rendered by the auditor page.
 * @module
 */
import type { EventKind } from '../record/board.js';

/** A text for people, in Spanish (default) and English. */
export interface Text {
  readonly es: string;
  readonly en: string;
}

/** A language of the report. */
export type Lang = keyof Text;

/** `{ es, en }`. */
export function text(es: string, en: string): Text {
  return Object.freeze({ es, en });
}

/** What a failure points at, as data (any subset). `candidate` is 1-based, in manifest order. */
export interface ItemRef {
  /** The board event's seq. */
  readonly seq?: number;
  /** 1-based position of a ballot among the record's ballot events. */
  readonly ballot?: number;
  readonly trackingCode?: string;
  readonly trustee?: number;
  readonly contestId?: string;
  readonly candidate?: number;
  readonly associationId?: string;
  /** A JSON path in the record, e.g. `events[3].payload.manifest.contests[0]`. */
  readonly path?: string;
}

/** One failure of a check. */
export interface Failure {
  /** Stable English name of the failing item, e.g. `decryption share of trustee 3, contest plwha, candidate 2`. */
  readonly item: string;
  /** The same, for display in either language. */
  readonly itemText: Text;
  /** What is wrong with it. */
  readonly detail: Text;
  readonly where?: ItemRef;
}

/** Stable names of the checks, in the order they are numbered. */
export const CHECK_KEYS = Object.freeze([
  'format', 'chain', 'order', 'manifest', 'trustee_keys', 'dealings', 'complaints', 'ceremony_result', 'issuance',
  'ballot_tokens', 'ballot_signatures', 'ballot_proofs', 'tracking_codes', 'one_ballot_per_token', 'ballot_counts',
  'close', 'encrypted_tally', 'decryption_shares', 'threshold', 'decryption', 'seats', 'published',
] as const);
/** One of {@link CHECK_KEYS}. */
export type CheckKey = (typeof CHECK_KEYS)[number];

/** One numbered check and its outcome. */
export interface Check {
  /** 1-based number, the position of `key` in {@link CHECK_KEYS}. */
  readonly id: number;
  readonly key: CheckKey;
  readonly title: Text;
  /** What the check establishes (one sentence). */
  readonly description: Text;
  /** True iff `failures` is empty. */
  readonly ok: boolean;
  readonly failures: readonly Failure[];
  /** E.g. "not reached: the record ends before the close" (partial records only). */
  readonly note?: Text;
}

/** How far the record goes. */
export type RecordStage = 'empty' | 'ceremony' | 'voting' | 'closed' | 'tallied' | 'published';

/** Per contest: roll, tokens, ballots. */
export interface ContestCounts {
  readonly contestId: string;
  readonly constituency: string;
  readonly title: string;
  readonly rollSize: number;
  readonly tokensIssued: number;
  /** Ballot events for this contest before the close. */
  readonly ballotsOnBoard: number;
  /** Valid ballots, one per token: what the tally must sum. */
  readonly countedBallots: number;
  /** What the close event says, if there is one. */
  readonly closeCount: number | null;
}

/** Event and ballot counts of the record. */
export interface RecordCounts {
  readonly events: number;
  readonly byKind: Readonly<Partial<Record<EventKind, number>>>;
  readonly contests: readonly ContestCounts[];
}

/** One candidate in a contest's result. */
export interface CandidateResult {
  readonly candidateId: string;
  readonly fullName: string;
  readonly votes: number;
  /** 1-based position in the published ranking. */
  readonly rank: number;
  readonly seat: 'titular' | 'alternate' | null;
}

/** A contest's published result, in ranking order. */
export interface ContestResult {
  readonly contestId: string;
  readonly constituency: string;
  readonly title: string;
  readonly seats: number;
  readonly alternates: number;
  readonly candidates: readonly CandidateResult[];
  /** True if the decryption and the seat allocation of this contest checked. */
  readonly verified: boolean;
}

/** The verifier's answer. */
export interface VerificationReport {
  readonly format: 'anfora-verification-report';
  readonly version: 1;
  /** True iff every check passed. */
  readonly ok: boolean;
  readonly verdict: Text;
  readonly electionId: string | null;
  readonly title: string | null;
  /** The manifest hash as recomputed (hex), when there is a manifest. */
  readonly manifestHash: string | null;
  readonly stage: RecordStage;
  /** False for a record that ends before the result (accepted only with `partial`). */
  readonly complete: boolean;
  readonly counts: RecordCounts;
  /** The published results, or null before the `result` event. */
  readonly results: readonly ContestResult[] | null;
  readonly checks: readonly Check[];
}

/** Titles and descriptions of the checks. */
export const CHECK_TEXTS: Readonly<Record<CheckKey, { readonly title: Text; readonly description: Text }>> = Object.freeze({
  format: {
    title: text('Formato del registro', 'Record format'),
    description: text('El documento y cada evento tienen la forma de docs/voting-protocol.md.', 'The document and every event have the shape of docs/voting-protocol.md.'),
  },
  chain: {
    title: text('Cadena de hashes', 'Hash chain'),
    description: text('Números de secuencia contiguos desde 0; cada prevHash es el hash anterior; cada hash se recalcula.', 'Sequence numbers contiguous from 0; each prevHash is the previous hash; each hash is recomputed.'),
  },
  order: {
    title: text('Orden de los eventos', 'Event order'),
    description: text('Las etapas del protocolo en orden: ceremonia, manifiesto, votación, cierre, escrutinio, resultados.', 'The protocol stages in order: ceremony, manifest, voting, close, tally, results.'),
  },
  manifest: {
    title: text('Manifiesto', 'Manifest'),
    description: text('El manifiesto es válido, su hash se recalcula y nombra esta elección.', 'The manifest is valid, its hash is recomputed and it names this election.'),
  },
  trustee_keys: {
    title: text('Claves de los fideicomisarios', 'Trustee keys'),
    description: text('Una clave por fideicomisario con su prueba de posesión; el manifiesto lleva las mismas.', 'One key per trustee with its proof of possession; the manifest carries the same.'),
  },
  dealings: {
    title: text('Repartos de la ceremonia', 'Ceremony dealings'),
    description: text('Un reparto por fideicomisario: compromisos con pruebas de conocimiento y una parte sellada para cada otro.', 'One dealing per trustee: commitments with proofs of knowledge and a sealed share for each other trustee.'),
  },
  complaints: {
    title: text('Reclamos de la ceremonia', 'Ceremony complaints'),
    description: text('Una verificación por fideicomisario; cada reclamo es válido y se juzga públicamente.', 'One verification per trustee; each complaint is valid and judged publicly.'),
  },
  ceremony_result: {
    title: text('Resultado de la ceremonia', 'Ceremony result'),
    description: text('Conjunto calificado, clave conjunta y claves de verificación recalculados; el manifiesto lleva las mismas.', 'Qualified set, joint key and verification keys recomputed; the manifest carries the same.'),
  },
  issuance: {
    title: text('Emisión de fichas', 'Token issuance'),
    description: text('Fichas solo para asociaciones del padrón, a lo sumo una por asociación y contienda.', 'Tokens only for associations on the roll, at most one per association and contest.'),
  },
  ballot_tokens: {
    title: text('Fichas de las papeletas', 'Ballot tokens'),
    description: text('Cada papeleta lleva una ficha firmada con la clave de emisión de su contienda, para esta elección y contienda.', 'Each ballot carries a token signed under its contest\'s issuance key, for this election and contest.'),
  },
  ballot_signatures: {
    title: text('Firmas de las papeletas', 'Ballot signatures'),
    description: text('Cada papeleta está firmada (Ed25519) con la clave de su ficha.', 'Each ballot is signed (Ed25519) with its token\'s key.'),
  },
  ballot_proofs: {
    title: text('Pruebas de validez', 'Validity proofs'),
    description: text('Cada papeleta prueba que cada cifrado es 0 o 1 y que la suma está en 0..N.', 'Each ballot proves each ciphertext is 0 or 1 and that the sum lies in 0..N.'),
  },
  tracking_codes: {
    title: text('Códigos de seguimiento', 'Tracking codes'),
    description: text('La cadena de códigos de seguimiento se recalcula papeleta por papeleta.', 'The chain of tracking codes is recomputed ballot by ballot.'),
  },
  one_ballot_per_token: {
    title: text('Una papeleta por ficha', 'One ballot per token'),
    description: text('Ninguna clave de papeleta aparece dos veces en una contienda.', 'No ballot key appears twice in a contest.'),
  },
  ballot_counts: {
    title: text('Conteos', 'Counts'),
    description: text('Por contienda: papeletas contadas ≤ fichas emitidas ≤ asociaciones del padrón.', 'Per contest: counted ballots ≤ tokens issued ≤ associations on the roll.'),
  },
  close: {
    title: text('Cierre', 'Close'),
    description: text('El evento de cierre cuenta las papeletas contadas de cada contienda.', 'The close event counts each contest\'s counted ballots.'),
  },
  encrypted_tally: {
    title: text('Escrutinio cifrado', 'Encrypted tally'),
    description: text('El escrutinio cifrado es la suma homomórfica de las papeletas contadas.', 'The encrypted tally is the homomorphic sum of the counted ballots.'),
  },
  decryption_shares: {
    title: text('Descifrados parciales', 'Partial decryptions'),
    description: text('Cada descifrado parcial tiene una prueba válida contra la clave de verificación de su fideicomisario.', 'Each partial decryption has a valid proof against its trustee\'s verification key.'),
  },
  threshold: {
    title: text('Umbral', 'Threshold'),
    description: text('Al menos t descifrados parciales válidos por cifrado antes de los resultados.', 'At least t valid partial decryptions per ciphertext before the results.'),
  },
  decryption: {
    title: text('Descifrado', 'Decryption'),
    description: text('La combinación de t descifrados parciales y el logaritmo discreto dan los votos publicados.', 'Combining t partial decryptions and the discrete log give the published votes.'),
  },
  seats: {
    title: text('Escaños', 'Seats'),
    description: text('Orden, titulares, suplentes y sorteos de desempate se recalculan.', 'Ranking, titulars, alternates and tie-break lots are recomputed.'),
  },
  published: {
    title: text('Publicación', 'Publication'),
    description: text('El evento de publicación se refiere al evento de resultados.', 'The publication event refers to the result event.'),
  },
});
