/**
 * The figures of the "who must collude" table (docs/voting-protocol.md, section "Who must
 * collude to do what"), row by row, as this election's frozen manifest sets them: the
 * issuers' threshold k and their sectors, the decisions' sectors, the trustees' threshold t
 * of n, the token window, and the members who witnessed the board.
 * @module
 */
import type { Lang } from '../client/api.js';
import { MIN_APPROVAL_SECTORS } from '../domain/approvals.js';
import { type DecodedManifest, ISSUER_SECTORS, manifestIssuanceRule } from '../record/manifest.js';

/** What the rows need, read from the manifest and the board. */
export interface CollusionFigures {
  /** Tokens need k issuer signatures from issuers of at least `issuerSectors` sectors. */
  readonly k: number;
  readonly issuerSectors: number;
  /** The fewest registered issuers of any contest, and how many sectors they span. */
  readonly issuers: number;
  readonly issuersSpan: number;
  readonly approvalSectors: number;
  readonly t: number;
  readonly trustees: number;
  readonly trusteeSectors: number;
  readonly tokenWindow: boolean;
  /** Distinct committee members who witnessed a board head. */
  readonly witnesses: number;
}

/** The figures of election `manifest`, with `witnesses` members who witnessed its board. */
export function collusionFigures(manifest: DecodedManifest, witnesses: number): CollusionFigures {
  const m = manifest.manifest;
  const rule = manifestIssuanceRule(m);
  const contests = [...manifest.contests.values()].map((c) => c.contest.issuers);
  const fewest = contests.reduce((a, c) => (c.length < a.length ? c : a), contests[0] ?? []);
  const approval = m.rules.approvalSectors;
  return {
    k: rule.threshold, issuerSectors: Math.max(rule.sectors, ISSUER_SECTORS),
    issuers: fewest.length, issuersSpan: new Set(fewest.map((i) => i.sector)).size,
    approvalSectors: Math.max(MIN_APPROVAL_SECTORS, typeof approval === 'number' ? approval : 0),
    t: m.threshold, trustees: m.trustees.length, trusteeSectors: new Set(m.trustees.map((x) => x.sector)).size,
    tokenWindow: m.rules.tokenWindow === true, witnesses,
  };
}

const ROWS: Record<Lang, { title: string; rows: (f: CollusionFigures) => [string, string][] }> = {
  es: {
    title: 'Quién debe coludirse para qué (docs/voting-protocol.md), con las reglas de esta elección',
    rows: (f) => [
      ['añadir una papeleta', `k=${f.k} emisores de ${f.issuerSectors} sectores (de ${f.issuers} emisores de ${f.issuersSpan} sectores por contienda); el servidor solo no puede: no tiene clave de emisión`],
      ['actuar como una asociación o un miembro', 'la clave de su dueño (la administración no conoce ninguna)'],
      ['tomar una decisión del comité', `miembros de ${f.approvalSectors} sectores, cada uno firmando`],
      ['vincular una asociación con su papeleta', `los emisores (k=${f.k}, ${f.issuerSectors} sectores) y la urna y un canal de tiempo o de red entre ellos; ventana de fichas: ${f.tokenWindow ? 'sí' : 'no'}`],
      ['leer un voto', `t=${f.t} de ${f.trustees} custodios, de ${Math.min(2, f.trusteeSectors)} sectores o más (${f.trusteeSectors} sectores entre los custodios)`],
      ['elegir el ganador de un empate', `nadie solo; t=${f.t} custodios con un votante que vota último podrían sesgarlo`],
      ['reescribir el tablero sin que se note', `el servidor y los ${f.witnesses} miembros que atestiguaron su cabeza`],
      ['descartar una papeleta sin que se note', 'el servidor, hasta que el votante revise su recibo'],
      ['detener la elección', `el servidor solo; o los emisores si quedan menos de k=${f.k} dispuestos de ${f.issuerSectors} sectores; un emisor solo demora el cierre`],
    ],
  },
  en: {
    title: 'Who must collude to do what (docs/voting-protocol.md), under this election\'s rules',
    rows: (f) => [
      ['add a ballot', `k=${f.k} issuers of ${f.issuerSectors} sectors (of ${f.issuers} issuers of ${f.issuersSpan} sectors per contest); the server alone cannot: it holds no issuing key`],
      ['act as an association or a member', 'that owner\'s key (the administration knows none)'],
      ['make a committee decision', `members of ${f.approvalSectors} sectors, each signing`],
      ['link an association to its ballot', `the issuers (k=${f.k}, ${f.issuerSectors} sectors) and the ballot box and a timing or network channel between them; token window: ${f.tokenWindow ? 'yes' : 'no'}`],
      ['read one vote', `t=${f.t} of ${f.trustees} trustees, of ${Math.min(2, f.trusteeSectors)} sectors or more (${f.trusteeSectors} sectors among the trustees)`],
      ['choose a tie\'s winner', `nobody alone; t=${f.t} trustees with a voter who casts last could bias it`],
      ['rewrite the board unseen', `the server and the ${f.witnesses} members who witnessed its head`],
      ['drop a cast ballot unseen', 'the server, until the voter checks their receipt'],
      ['stop the election', `the server alone; or the issuers if fewer than k=${f.k} willing ones of ${f.issuerSectors} sectors remain; one issuer alone delays the close`],
    ],
  },
};

/** The table's lines, in `lang`. */
export function collusionLines(f: CollusionFigures, lang: Lang): string[] {
  const r = ROWS[lang];
  const rows = r.rows(f);
  const width = Math.max(...rows.map(([to]) => to.length));
  return [r.title, ...rows.map(([to, who]) => `  ${to.padEnd(width)}  ${who}`)];
}
