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
import { constituencyName } from '../record/constituencies.js';
import { type Manifest, manifestConstituencies } from '../record/manifest.js';

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

/** Checks numbered from 1 in this order. */
const FIRST_CHECKS = [
  'format', 'chain', 'order', 'manifest', 'trustee_keys', 'dealings', 'complaints', 'ceremony_result', 'issuance',
  'ballot_tokens', 'ballot_signatures', 'ballot_proofs', 'tracking_codes', 'one_ballot_per_token', 'ballot_counts',
  'close', 'encrypted_tally', 'decryption_shares', 'threshold', 'decryption', 'seats', 'published', 'server_report',
  'committee', 'rule_floors', 'decision_signatures', 'decision_record', 'token_requests', 'trustee_key_signatures',
] as const;
/** Checks numbered from {@link LATER_CHECKS_FROM} on, so that adding to the first list moves none of their numbers. */
const LATER_CHECKS = ['board_times', 'token_window', 'witnessed_heads', 'issuer_keys', 'issuer_logs', 'counted_within_issuer_logs'] as const;
/** The number of the first of the later checks. */
export const LATER_CHECKS_FROM = 40;

/** Stable names of the checks, in the order they are reported. */
export const CHECK_KEYS = Object.freeze([...FIRST_CHECKS, ...LATER_CHECKS] as const);
/** One of {@link CHECK_KEYS}. */
export type CheckKey = (typeof CHECK_KEYS)[number];

/** The number of check `key` (1, 2, … for the first checks; 40, 41, … for the later ones). */
export function checkNumber(key: CheckKey): number {
  const later = (LATER_CHECKS as readonly string[]).indexOf(key);
  return later >= 0 ? LATER_CHECKS_FROM + later : (FIRST_CHECKS as readonly string[]).indexOf(key) + 1;
}

/** One numbered check and its outcome. */
export interface Check {
  /** The check's number ({@link checkNumber}). */
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
  /**
   * Present (true) when the record ends before the stage this check needs and nothing
   * failed: the check is still to come, neither passed nor failed (`ok` stays true).
   */
  readonly pending?: true;
}

/** How far the record goes. */
export type RecordStage = 'empty' | 'ceremony' | 'voting' | 'closed' | 'tallied' | 'published';

/** Per contest: roll, tokens, ballots. */
export interface ContestCounts {
  readonly contestId: string;
  /** The constituency's code, and its name as the manifest declares it (the template's for versions 1 and 2). */
  readonly constituency: string;
  readonly constituencyName: Text;
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
  /** The constituency's code, and its name as the manifest declares it (the template's for versions 1 and 2). */
  readonly constituency: string;
  readonly constituencyName: Text;
  readonly title: string;
  readonly seats: number;
  readonly alternates: number;
  readonly candidates: readonly CandidateResult[];
  /** True if the decryption and the seat allocation of this contest checked. */
  readonly verified: boolean;
}

/** One region's turnout (tokens issued against roll entries, all contests), or only that it is below the minimum. */
export type RegionTurnout =
  | { readonly region: string; readonly suppressed: false; readonly rollSize: number; readonly tokensIssued: number }
  | { readonly region: string; readonly suppressed: true };

/** Turnout by region: ballots carry no region, so only who obtained a token can be placed. */
export interface Turnout {
  /** The manifest's `rules.minRollSize` (5 if it states none): smaller regions are suppressed. */
  readonly minRollSize: number;
  /** Ordered by region id. */
  readonly regions: readonly RegionTurnout[];
}

/** A complaint of the record's log with the committee's answer, if any (texts as in the record). */
export interface ComplaintEntry {
  readonly complaintId: string;
  readonly seq: number;
  /** When it was filed (the event's time). */
  readonly at: string;
  readonly window: 'roll' | 'post_close';
  readonly category: string;
  readonly text: string;
  readonly attachments: readonly { readonly name: string; readonly sha256: string }[];
  /** Null unless the complainant chose to be named. */
  readonly complainant: { readonly role: string; readonly name: string | null } | null;
  readonly answer: {
    readonly decision: 'upheld' | 'dismissed';
    readonly reasoning: string;
    /** The sectors whose members approved the decision. */
    readonly sectors: readonly string[];
    readonly at: string;
    readonly seq: number;
  } | null;
}

/** What became of the server's signed report (check 23). */
export interface ServerReportStatus {
  /** The `report` event's seq, or null if the record has none. */
  readonly seq: number | null;
  /** Its signature under the manifest's receipt key: null if it could not be checked. */
  readonly signature: 'valid' | 'invalid' | null;
  /** Its figures against the verifier's: null if they could not be compared. */
  readonly figures: 'match' | 'differ' | null;
}

/** The rules, the committee and its decisions, as the record shows them (checks 24–29). */
export interface GovernanceSummary {
  /** The rules in force at the end of the record (committee event, then rule changes). */
  readonly rules: { readonly approvalSectors: number | null; readonly threshold: number | null; readonly minRollSize: number | null } | null;
  /** The manifest's decryption threshold t, once voting opened. */
  readonly threshold: number | null;
  readonly committee: readonly { readonly memberId: string; readonly fullName: string; readonly sector: string; readonly organisation: string; readonly role: string }[];
  readonly trustees: readonly { readonly index: number; readonly memberId: string; readonly sector: string }[];
  /** Executed decisions on the board, and those whose every signature is valid and whose approvals reach the quorum. */
  readonly decisions: number;
  readonly decisionsVerified: number;
  /** Issuance entries, and those carrying a valid request signed by an accredited association. */
  readonly tokenRequests: number;
  readonly tokenRequestsVerified: number;
  /** Witnessed board heads, and those signed by their member's key whose head is a prefix of this board. */
  readonly witnessedHeads: number;
  readonly witnessedHeadsVerified: number;
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
  /** Turnout by region, or null without a usable manifest. */
  readonly turnout: Turnout | null;
  /** The complaint log, in board order. */
  readonly complaints: readonly ComplaintEntry[];
  /** The server's signed report, or null while the results are not published. */
  readonly serverReport: ServerReportStatus | null;
  /** SHA-256 (hex) of the record's bytes as read, when verified from its text ({@link verifyRecordText}); else null. */
  readonly recordSha256: string | null;
  /** The committee, the rules and the signed decisions (null if the walk could not run). */
  readonly governance: GovernanceSummary | null;
  readonly checks: readonly Check[];
}

/** A constituency's name in both languages, as `manifest` declares it (the template's for versions 1 and 2). */
export function constituencyText(manifest: Pick<Manifest, 'constituencies'>, code: string): Text {
  const defs = manifestConstituencies(manifest);
  return text(constituencyName(code, 'es', defs), constituencyName(code, 'en', defs));
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
    title: text('Claves de los custodios', 'Trustee keys'),
    description: text('Una clave por custodio con su prueba de posesión; el manifiesto lleva las mismas.', 'One key per trustee with its proof of possession; the manifest carries the same.'),
  },
  dealings: {
    title: text('Repartos de la ceremonia', 'Ceremony dealings'),
    description: text('Un reparto por custodio: compromisos con pruebas de conocimiento y una parte sellada para cada otro.', 'One dealing per trustee: commitments with proofs of knowledge and a sealed share for each other trustee.'),
  },
  complaints: {
    title: text('Reclamos de la ceremonia', 'Ceremony complaints'),
    description: text('Una verificación por custodio; cada reclamo es válido y se juzga públicamente.', 'One verification per trustee; each complaint is valid and judged publicly.'),
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
    description: text('Cada descifrado parcial tiene una prueba válida contra la clave de verificación de su custodio.', 'Each partial decryption has a valid proof against its trustee\'s verification key.'),
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
  server_report: {
    title: text('Informe firmado del servidor', 'Server\'s signed report'),
    description: text(
      'Tras la publicación, el informe del servidor está firmado con la clave de recibos del manifiesto y cada cifra coincide con la recalculada.',
      'After the publication, the server\'s report is signed under the manifest\'s receipt key and every figure equals the recomputed one.',
    ),
  },
  committee: {
    title: text('Comité en el tablero', 'Committee on the board'),
    description: text(
      'El tablero se abre con el comité (miembros, sectores, organizaciones, claves); cada registro de clave es de un miembro sin clave vigente; los custodios del manifiesto son esos miembros.',
      'The board opens with the committee (members, sectors, organisations, keys); each key registration is for a member with no key in force; the manifest\'s trustees are those members.'),
  },
  rule_floors: {
    title: text('Mínimos de las reglas', 'Rule floors'),
    description: text(
      'approvalSectors ≥ 2 y umbral ≥ 2 en toda regla; el comité abarca ≥ 2 sectores; ningún sector tiene t custodios.',
      'approvalSectors ≥ 2 and threshold ≥ 2 in every rule; the committee spans ≥ 2 sectors; no sector holds t trustees.'),
  },
  decision_signatures: {
    title: text('Firmas de las decisiones', 'Decision signatures'),
    description: text(
      'Cada decisión lleva firmas válidas de miembros distintos, con claves registradas y no revocadas, sin miembros que debían abstenerse, de al menos approvalSectors sectores.',
      'Each decision carries valid signatures of distinct members, under registered keys not revoked, with no member who had to recuse, from at least approvalSectors sectors.'),
  },
  decision_record: {
    title: text('Decisiones del registro', 'Decisions behind the record'),
    description: text(
      'Cada cambio de fase, padrón, candidatura, reconocimiento de padrón pequeño y respuesta a reclamo viene de una decisión ejecutada que dice lo mismo.',
      'Every phase change, roll, candidacy, small-roll acknowledgement and complaint answer comes from an executed decision that says the same.'),
  },
  token_requests: {
    title: text('Solicitudes de fichas firmadas', 'Signed token requests'),
    description: text(
      'Cada entrada de emisión lleva una solicitud firmada por una asociación acreditada para la contienda, una por asociación y contienda; papeletas contadas ≤ solicitudes válidas.',
      'Each issuance entry carries a request signed by an association accredited for the contest, one per association and contest; counted ballots ≤ valid requests.'),
  },
  trustee_key_signatures: {
    title: text('Claves de custodio firmadas', 'Signed trustee keys'),
    description: text(
      'Cada clave de custodio del tablero la registró su miembro, firmada con la clave de cuenta que tenía vigente en ese punto del tablero.',
      'Every trustee key on the board was registered by its member, signed with the account key the member held in force at that point of the board.'),
  },
  board_times: {
    title: text('Horas del tablero', 'Board times'),
    description: text(
      'Cada evento lleva su hora en la forma canónica UTC AAAA-MM-DDTHH:mm:ss.sssZ, y las horas nunca retroceden a lo largo del tablero.',
      'Every event carries its time in the canonical UTC form YYYY-MM-DDTHH:mm:ss.sssZ, and times never decrease along the board.',
    ),
  },
  token_window: {
    title: text('Ventana de fichas', 'Token window'),
    description: text(
      'Con la regla tokenWindow, las fichas se obtienen antes de abrir la votación: ninguna papeleta antes de que cierre la ventana, y el registro de emisión publicado al cierre tiene, por contienda, tantas fichas como contó la ventana al cerrar. Sin la regla, el informe lo avisa.',
      'Under the rule tokenWindow, tokens are obtained before voting opens: no ballot before the window closes, and the issuance log published at the close holds, per contest, as many tokens as the window counted when it closed. Without the rule, the report says so.',
    ),
  },
  witnessed_heads: {
    title: text('Cabezas atestiguadas', 'Witnessed heads'),
    description: text(
      'Cada cabeza atestiguada lleva una firma válida de un miembro del comité con la clave de cuenta que tenía vigente, y es un prefijo del tablero final: el evento en su seq tiene su hash.',
      'Every witnessed head carries a valid signature by a committee member under the account key they held in force, and is a prefix of the final board: the event at its seq has its hash.'),
  },
  issuer_keys: {
    title: text('Claves de los emisores', 'Issuer keys'),
    description: text(
      'Cada clave de emisión la registró antes del manifiesto un miembro del comité, con prueba de posesión y su firma de cuenta; los emisores del manifiesto son exactamente esas claves, y cada contienda tiene issuerThreshold emisores de al menos 2 sectores.',
      'Every issuing key was registered before the manifest by a committee member, with a proof of possession and their account signature; the manifest\'s issuers are exactly those keys, and each contest has issuerThreshold issuers of at least 2 sectors.'),
  },
  issuer_logs: {
    title: text('Registros de los emisores', 'Issuer logs'),
    description: text(
      'Cada registro de emisión lo firma su miembro con su clave de cuenta, nombra una clave de emisión registrada de su contienda y lista solicitudes firmadas válidas de asociaciones acreditadas del padrón; un registro por emisor y contienda.',
      'Every issuer log is signed by its member under their account key, names a registered issuing key of its contest and lists valid signed requests of accredited associations on the roll; one log per issuer and contest.'),
  },
  counted_within_issuer_logs: {
    title: text('Papeletas dentro de los registros', 'Ballots within the issuer logs'),
    description: text(
      'Por contienda, papeletas contadas ≤ solicitudes válidas del registro más pequeño de sus emisores; un emisor sin registro al llegar el resultado falla.',
      'Per contest, counted ballots ≤ the valid requests of its issuers\' smallest log; an issuer with no log once the result is reached fails.'),
  },
});

/**
 * Each check in one plain sentence for people who are not cryptographers (committee
 * members, observers): what it means for the election that the check passes. Used by the
 * HTML report (html.ts).
 */
export const CHECK_PLAIN: Readonly<Record<CheckKey, Text>> = Object.freeze({
  format: text(
    'El archivo es un registro electoral completo, tal como el sistema lo publica, sin partes inesperadas ni repetidas.',
    'The file is a complete election record as the system publishes it, with no unexpected or repeated parts.'),
  chain: text(
    'Cada anotación del tablero público está sellada con la anterior, así que ninguna fue cambiada, quitada ni añadida después.',
    'Each entry of the public board is sealed to the one before it, so none was changed, removed or added afterwards.'),
  order: text(
    'Todo ocurrió en el orden debido (claves, votación, cierre, escrutinio, resultados) y cada reclamo se presentó en su plazo y se respondió a tiempo.',
    'Everything happened in the proper order (keys, voting, close, count, results), and each complaint was filed in its period and answered in time.'),
  manifest: text(
    'El documento que fija la elección (contiendas, candidaturas, padrones y claves) está intacto, es de esta elección, y toda contienda con muy pocos votantes lleva el reconocimiento previo del comité.',
    'The document that fixes the election (contests, candidates, rolls and keys) is intact, belongs to this election, and every contest with very few voters carries the committee\'s prior acknowledgement.'),
  trustee_keys: text(
    'Cada custodio de la clave de la elección registró su propia clave y demostró que la tiene.',
    'Each trustee of the election key registered their own key and showed that they hold it.'),
  dealings: text(
    'Cada custodio repartió a los demás partes de la clave de la elección de un modo que cualquiera puede comprobar.',
    'Each trustee gave the others parts of the election key in a way anyone can check.'),
  complaints: text(
    'Si un custodio dijo que una parte recibida estaba mal, eso se juzgó en público y con pruebas.',
    'If a trustee said a part they received was wrong, that was judged in public, with proof.'),
  ceremony_result: text(
    'La clave de la elección se formó bien con las partes de los custodios: solo varios de ellos juntos pueden abrir el conteo.',
    'The election key was formed correctly from the trustees\' parts: only several of them together can open the count.'),
  issuance: text(
    'Las fichas de voto se entregaron solo a asociaciones del padrón, a lo sumo una por asociación y contienda.',
    'Voting tokens went only to associations on the roll, at most one per association and contest.'),
  ballot_tokens: text(
    'Cada papeleta lleva una ficha de voto válida de su contienda, sin revelar qué asociación votó.',
    'Every ballot carries a valid voting token for its contest, without revealing which association voted.'),
  ballot_signatures: text(
    'Cada papeleta está firmada con la clave de su ficha, así que nadie pudo cambiarla ni copiarla.',
    'Every ballot is signed with its token\'s key, so nobody could change or copy it.'),
  ballot_proofs: text(
    'Cada papeleta demuestra, sin revelar el voto, que marca a cada candidatura a lo sumo una vez y no a más candidaturas de las permitidas.',
    'Every ballot proves, without revealing the vote, that it marks each candidate at most once and no more candidates than allowed.'),
  tracking_codes: text(
    'Los códigos de seguimiento que recibieron los votantes forman una cadena intacta: cada votante puede hallar su papeleta y ninguna fue sustituida.',
    'The tracking codes the voters received form an unbroken chain: every voter can find their ballot and none was replaced.'),
  one_ballot_per_token: text(
    'Ninguna ficha de voto sirvió para contar más de una papeleta.',
    'No voting token was used to count more than one ballot.'),
  ballot_counts: text(
    'En cada contienda no hay más papeletas contadas que fichas entregadas, ni más fichas que asociaciones en el padrón.',
    'In each contest there are no more counted ballots than tokens handed out, nor more tokens than associations on the roll.'),
  close: text(
    'Al cerrar la votación se anotó en cada contienda exactamente el número de papeletas que se cuentan.',
    'When voting closed, each contest recorded exactly the number of ballots that are counted.'),
  encrypted_tally: text(
    'El conteo sellado suma exactamente las papeletas contadas, todavía cifradas.',
    'The sealed count adds up exactly the counted ballots, still encrypted.'),
  decryption_shares: text(
    'Cada custodio que ayudó a abrir el conteo demostró que lo hizo honestamente con su parte de la clave.',
    'Each trustee who helped open the count showed that they did so honestly with their part of the key.'),
  threshold: text(
    'Participaron suficientes custodios para abrir el conteo, como exigen las reglas.',
    'Enough trustees took part to open the count, as the rules require.'),
  decryption: text(
    'Abrir el conteo sellado da exactamente los votos publicados de cada candidatura.',
    'Opening the sealed count gives exactly the votes published for each candidate.'),
  seats: text(
    'Los escaños y suplencias siguen el orden de votos, y los empates se deciden por un sorteo público sembrado por el descifrado conjunto de los custodios, que ninguna parte sola puede elegir.',
    'Seats and alternates follow the order of votes, and ties are decided by a public draw seeded by the trustees\' joint decryption, which no single party can choose.'),
  published: text(
    'Los resultados publicados son los que se contaron.',
    'The published results are the ones that were counted.'),
  server_report: text(
    'El informe que el propio sistema firmó al publicar es auténtico y cada cifra suya coincide con esta verificación.',
    'The report the system itself signed on publishing is authentic and each of its figures agrees with this verification.'),
  committee: text(
    'El comité electoral, con el sector y la organización de cada miembro y su clave de firma, se publicó antes de que decidiera nada.',
    'The electoral committee, with each member\'s sector, organisation and signing key, was published before it decided anything.'),
  rule_floors: text(
    'Ninguna regla permitió que un solo sector decidiera ni que un solo sector pudiera abrir el conteo.',
    'No rule let a single sector decide, nor a single sector open the count.'),
  decision_signatures: text(
    'Cada decisión del comité está firmada por sus propios miembros, de al menos dos sectores, y nadie decidió sobre su propia organización.',
    'Every committee decision is signed by its own members, from at least two sectors, and nobody decided about their own organisation.'),
  decision_record: text(
    'Cada paso de la elección, cada asociación del padrón y cada candidatura viene de una decisión firmada del comité.',
    'Every step of the election, every association on the roll and every candidacy comes from a signed committee decision.'),
  token_requests: text(
    'Cada ficha de voto fue pedida y firmada por la propia asociación acreditada: el servidor no pudo inventar votantes.',
    'Every voting token was asked for and signed by the accredited association itself: the server could not invent voters.'),
  trustee_key_signatures: text(
    'Cada custodio registró su propia clave con su firma: el servidor no pudo poner una clave suya en lugar de la de un miembro.',
    'Every trustee registered their own key with their signature: the server could not put a key of its own in a member\'s place.'),
  board_times: text(
    'Cada anotación del tablero lleva su hora escrita de una sola manera, y las horas avanzan con el tablero.',
    'Each board entry carries its time written in one single way, and the times move forward with the board.'),
  token_window: text(
    'Con ventana de fichas, ninguna ficha se entregó después de abrir la votación, así que cuándo y en qué orden se entregaron no dice nada de quién votó qué. Una elección sin ventana lo avisa aquí.',
    'With a token window, no token was handed out after voting opened, so when and in which order they were handed out says nothing about who voted how. An election without the window says so here.'),
  witnessed_heads: text(
    'Lo que los custodios y emisores vieron del tablero, y firmaron, sigue en el tablero final: nadie lo reescribió después.',
    'What the trustees and issuers saw of the board, and signed, is still in the final board: no one rewrote it afterwards.'),
  issuer_keys: text(
    'Las fichas de voto las firman miembros del comité de al menos dos sectores, cada uno con una clave propia que registró y demostró tener: el servidor no tiene ninguna.',
    'Voting tokens are signed by committee members of at least two sectors, each with a key of their own they registered and showed they hold: the server holds none.'),
  issuer_logs: text(
    'Cada emisor publicó, firmada, la lista de solicitudes que atendió, y cada una la pidió una asociación acreditada del padrón.',
    'Each issuer published, signed, the list of requests it answered, and each was asked for by an accredited association on the roll.'),
  counted_within_issuer_logs: text(
    'En ninguna contienda se contaron más papeletas que las solicitudes que atendió el emisor que menos atendió.',
    'No contest counted more ballots than the requests answered by the issuer who answered fewest.'),
});
