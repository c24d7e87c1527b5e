/**
 * Constituencies defined by the committee (issue 13, item 6): the model case's six as a
 * template (`GET /templates/constituencies`, and an election that names none), a seventh
 * constituency with two contests — one of two regional seats — run over HTTP with the
 * client library to published results, a manifest of version 3 declaring them, and the
 * verifier passing on the exported record; then what is refused (unknown, repeated or
 * malformed codes, two contests of one title in one constituency, an association outside
 * the constituency) and a record whose contest names an undeclared constituency.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyRsaPssNode } from '../../src/crypto/token-issuer.js';
import { CONSTITUENCY_TEMPLATE } from '../../src/record/constituencies.js';
import { type CheckKey, type VerificationReport, verifyRecord } from '../../src/verify/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import {
  type ClientElection, type ElectionRecordJSON, type ResultsJSON, castWithClient, closeAndTallyWithClient, fetchRecordText, listen,
  runClientCeremony,
} from '../helpers/client-election.js';
import { registerTestIssuers } from '../helpers/voting.js';
import { type RegisteredAssociation, createModelElection, decide, movePhase, registerAssociations } from '../helpers/model-case.js';
import { type AnyRecord, clone, indexOf } from '../verify/tamper.js';
import { ready as auditorReady } from '../record/auditor.js';
import { auditRecord } from '../record/auditor-committee.js';

const INDIGENOUS = { code: 'indigenous_peoples', nameEs: 'Pueblos indígenas', nameEn: 'Indigenous peoples' };
const CONSTITUENCIES = [...CONSTITUENCY_TEMPLATE, INDIGENOUS];
/** Two regional contests in the seventh constituency (the first of two seats), and one of the template's. */
const CONTESTS = {
  amazonia: { constituency: 'indigenous_peoples', title: 'Pueblos indígenas — Amazonía', seats: 2, alternates: 1 },
  andes: { constituency: 'indigenous_peoples', title: 'Pueblos indígenas — Andes', seats: 1 },
  plwha: { constituency: 'plwha', title: 'Personas que viven con VIH', seats: 1 },
} as const;
type Key = keyof typeof CONTESTS;
const ROLL: Record<Key, number> = { amazonia: 3, andes: 2, plwha: 2 };
const CANDIDATES: Record<Key, string[]> = {
  amazonia: ['Nélida Shuñaqui', 'Roberto Guimaraes', 'Teresa Ahuanari'], andes: ['Hilda Ccori', 'Julián Apaza'], plwha: ['María Condori', 'José Mamani'],
};

let t: TestApp;
let baseUrl: string;
let adminToken: string;

beforeAll(async () => {
  t = await createTestApp();
  baseUrl = await listen(t);
  adminToken = await t.login('admin@test.pe', 'admin-password-123');
});
afterAll(async () => { await t?.close(); });

function failures(r: VerificationReport, key: CheckKey): string[] {
  return r.checks.find((c) => c.key === key)!.failures.map((f) => `${f.item}: ${f.detail.en}`);
}

describe('the template', () => {
  it('GET /templates/constituencies gives the model case\'s six, named in Spanish and English, without signing in', async () => {
    const r = await t.call('GET', '/templates/constituencies');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual(CONSTITUENCY_TEMPLATE);
    expect(r.json().map((c: { code: string }) => c.code)).toEqual(['plwha', 'tb', 'malaria', 'sex_workers', 'gay_men', 'transgender']);
  });

  it('an election that names no constituencies has the template; one stored before them (null) reads as the template', async () => {
    const r = await t.call('POST', '/elections', { token: adminToken, body: { title: 'Plantilla', contests: [{ constituency: 'tb', title: 'TB', seats: 1 }] } });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().constituencies).toEqual(CONSTITUENCY_TEMPLATE);
    await t.database.db.updateTable('elections').set({ constituencies: null }).where('id', '=', r.json().id).execute();
    const old = await t.call('GET', `/elections/${r.json().id}`);
    expect(old.json().constituencies).toEqual(CONSTITUENCY_TEMPLATE);
  });
});

describe('refusals, as problem+json in Spanish and English', () => {
  const body = (over: Record<string, unknown>) => ({
    title: 'Rechazada', constituencies: [INDIGENOUS], contests: [{ constituency: 'indigenous_peoples', title: 'Norte', seats: 1 }], ...over,
  });
  it.each<[string, Record<string, unknown>, string, RegExp, RegExp]>([
    ['a contest in a constituency the election does not define', { contests: [{ constituency: 'tb', title: 'TB', seats: 1 }] },
      'invalid_contest', /circunscripción «tb» no es de esta elección/, /constituency "tb" is not one of this election's/],
    ['a contest in a template constituency when the list omits it', { constituencies: [{ code: 'rural', nameEs: 'Rural', nameEn: 'Rural' }] },
      'invalid_contest', /«indigenous_peoples» no es de esta elección/, /"indigenous_peoples" is not one of this election's/],
    ['two contests of one title in one constituency', { contests: [{ constituency: 'indigenous_peoples', title: 'Norte', seats: 1 }, { constituency: 'indigenous_peoples', title: 'Norte', seats: 2 }] },
      'invalid_contest', /dos contiendas «Norte»/, /two contests "Norte"/],
    ['a repeated code', { constituencies: [INDIGENOUS, { ...INDIGENOUS, nameEs: 'Otra' }] },
      'validation_failed', /./, /repeated constituency codes/],
    ['a code with upper case and spaces', { constituencies: [{ code: 'Pueblos Indígenas', nameEs: 'P', nameEn: 'P' }] },
      'validation_failed', /./, /constituency code: lower-case/],
    ['a code that starts with a digit', { constituencies: [{ code: '7th', nameEs: 'S', nameEn: 'S' }] }, 'validation_failed', /./, /constituency code/],
    ['a code of 41 characters', { constituencies: [{ code: `a${'b'.repeat(40)}`, nameEs: 'L', nameEn: 'L' }] }, 'validation_failed', /./, /constituency code/],
    ['a constituency without its English name', { constituencies: [{ code: 'rural', nameEs: 'Rural', nameEn: ' ' }] }, 'validation_failed', /./, /nameEn/],
    ['an empty list', { constituencies: [] }, 'validation_failed', /./, /constituencies/],
    ['51 constituencies', { constituencies: Array.from({ length: 51 }, (_, i) => ({ code: `c${i}`, nameEs: `C${i}`, nameEn: `C${i}` })) },
      'validation_failed', /./, /constituencies/],
    ['a contest whose code is malformed', { contests: [{ constituency: 'Indigenous', title: 'N', seats: 1 }] }, 'validation_failed', /./, /constituency code/],
  ])('refuses %s', async (_name, over, code, es, en) => {
    const inEs = await t.call('POST', '/elections', { token: adminToken, body: body(over) });
    expect(inEs.statusCode, inEs.body).toBe(400);
    expect(inEs.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(inEs.json()).toMatchObject({ code, lang: 'es' });
    expect(inEs.json().i18n.es.detail).toMatch(es);
    const inEn = await t.call('POST', '/elections', { token: adminToken, body: body(over), headers: { 'accept-language': 'en' } });
    expect(inEn.statusCode).toBe(400);
    expect(inEn.json().lang).toBe('en');
    expect([inEn.json().detail, ...(inEn.json().errors ?? [])].join('\n')).toMatch(en);
  });

  it('refuses an association whose constituency code is malformed', async () => {
    const r = await t.call('POST', '/associations', {
      token: adminToken, headers: { 'accept-language': 'en' },
      body: { legalName: 'Mal código', registrationNumber: 'bad-code-1', region: 'puno', constituencies: ['Pueblos'], contactName: 'X', contactEmail: 'x@a.test', accountEmail: 'badcode@a.test' },
    });
    expect(r.statusCode, r.body).toBe(400);
    expect(r.json().errors.join('\n')).toMatch(/constituencies\/0: .*constituency code/);
  });
});

describe('a seventh constituency with two regional contests, run to published results', () => {
  let election: ClientElection;
  let results: ResultsJSON;
  let record: ElectionRecordJSON;
  let recordText: string;
  let plainCounts: Record<string, number[]>;
  /** What an association of `plwha` is told when it applies to a contest of the seventh constituency. */
  let outsider: { statusCode: number; body: Record<string, any> };

  beforeAll(async () => {
    const m = await createModelElection(t, Object.values(CONTESTS), 'const', { minRollSize: 2, tokenWindow: false }, undefined, CONSTITUENCIES);
    const e = (await t.call('GET', `/elections/${m.electionId}`)).json();
    const contests = Object.fromEntries((Object.keys(CONTESTS) as Key[]).map((k) => [k, e.contests.find((c: { title: string }) => c.title === CONTESTS[k].title).id])) as Record<Key, string>;
    await movePhase(t, m, 'accreditation');
    const rolls = {} as Record<Key, RegisteredAssociation[]>;
    for (const k of Object.keys(CONTESTS) as Key[]) {
      rolls[k] = await registerAssociations(t, m.adminToken, ROLL[k], CONTESTS[k].constituency, `const-${k}`);
      for (const a of rolls[k]) {
        const r = await t.call('POST', `/elections/${m.electionId}/applications`, { token: a.token, body: { contestId: contests[k] } });
        expect(r.statusCode, r.body).toBe(201);
        await decide(t, m, { kind: 'accreditation_decision', applicationId: r.json().id, decision: 'accredit' });
      }
    }
    const refused = await t.call('POST', `/elections/${m.electionId}/applications`, { token: rolls.plwha[0]!.token, body: { contestId: contests.andes } });
    outsider = { statusCode: refused.statusCode, body: refused.json() };
    await movePhase(t, m, 'nominations');
    const candidates = {} as Record<Key, string[]>;
    for (const k of Object.keys(CONTESTS) as Key[]) {
      candidates[k] = [];
      for (const [i, fullName] of CANDIDATES[k].entries()) {
        const r = await t.call('POST', `/elections/${m.electionId}/candidates`, {
          token: rolls[k][i % rolls[k].length]!.token, body: { contestId: contests[k], fullName, employer: 'Federación', implementsGlobalFund: false },
        });
        expect(r.statusCode, r.body).toBe(201);
        candidates[k].push(r.json().id);
        await decide(t, m, { kind: 'candidate_eligibility', candidateId: r.json().id, eligible: true });
      }
    }
    await movePhase(t, m, 'key_ceremony');
    const trusteeSecrets = await runClientCeremony(baseUrl, m);
    await registerTestIssuers(t, { ...m, contests });
    await movePhase(t, m, 'voting');
    election = { ...m, contests, rolls, candidates, trusteeShares: [], trusteeSecrets };
    // Everyone on the Amazonian roll votes for the first two: the two regional seats.
    const cast = await castWithClient(baseUrl, election, (contestId, i, { candidates: n, maxSelections }) =>
      (contestId === contests.amazonia ? [1, 1, 0] : Array.from({ length: n }, (_, k) => (k === i % n && maxSelections >= 1 ? 1 : 0))));
    plainCounts = cast.plainCounts;
    results = await closeAndTallyWithClient(baseUrl, election, [1, 3]);
    recordText = await fetchRecordText(baseUrl, election.electionId);
    record = JSON.parse(recordText) as ElectionRecordJSON;
  }, 300_000);

  it('the election lists its seven constituencies, and its contests share one', async () => {
    const e = (await t.call('GET', `/elections/${election.electionId}`)).json();
    expect(e.constituencies).toEqual(CONSTITUENCIES);
    expect(e.contests.map((c: { constituency: string; seats: number }) => [c.constituency, c.seats])).toEqual([['indigenous_peoples', 2], ['indigenous_peoples', 1], ['plwha', 1]]);
  });

  it('an association of another constituency cannot apply to a contest of the seventh', () => {
    expect(outsider.statusCode).toBe(409);
    expect(outsider.body).toMatchObject({ code: 'not_in_constituency' });
    expect(outsider.body.i18n.es.detail).toMatch(/«indigenous_peoples»/);
  });

  it('the manifest (version 3) declares the seven constituencies, and each contest names one', () => {
    const manifest = record.events.find((x) => x.kind === 'manifest')!.payload as { manifest: Record<string, any> };
    expect(manifest.manifest.version).toBe(3);
    expect(manifest.manifest.constituencies).toEqual(CONSTITUENCIES);
    expect(manifest.manifest.contests.map((c: { constituency: string }) => c.constituency)).toEqual(['indigenous_peoples', 'indigenous_peoples', 'plwha']);
  });

  it('the results give the two regional seats, and the verifier passes every check with the constituencies\' names', async () => {
    const amazonia = results.contests.find((c) => c.contestId === election.contests.amazonia)!;
    const ids = election.candidates.amazonia!;
    expect([...amazonia.titulars].sort()).toEqual([ids[0], ids[1]].sort());
    const report = await verifyRecord(record, { tokenVerifier: verifyRsaPssNode });
    expect(report.checks.filter((c) => !c.ok).map((c) => `${c.key}: ${c.failures.map((f) => f.detail.en).join('; ')}`)).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.results!.map((r) => [r.title, r.constituency, r.constituencyName.es, r.verified])).toEqual([
      [CONTESTS.amazonia.title, 'indigenous_peoples', 'Pueblos indígenas', true],
      [CONTESTS.andes.title, 'indigenous_peoples', 'Pueblos indígenas', true],
      [CONTESTS.plwha.title, 'plwha', 'Personas que viven con VIH', true],
    ]);
    expect(report.counts.contests.map((c) => c.constituencyName.en)).toEqual(['Indigenous peoples', 'Indigenous peoples', 'People living with HIV']);
    for (const r of report.results!) {
      const order = (record.events.find((x) => x.kind === 'manifest')!.payload as { manifest: { contests: { id: string; candidates: { id: string }[] }[] } })
        .manifest.contests.find((c) => c.id === r.contestId)!.candidates.map((c) => c.id);
      expect(order.map((id) => r.candidates.find((c) => c.candidateId === id)!.votes)).toEqual(plainCounts[r.contestId]);
    }
    expect(report.results![0]!.candidates.filter((c) => c.seat === 'titular')).toHaveLength(2);
  });

  it('the auditor written from docs/election-record.md alone accepts the version 3 record, and refuses an undeclared constituency', async () => {
    await auditorReady;
    const audit = auditRecord(recordText);
    expect(audit.findings).toEqual([]);
    expect(audit.valid).toBe(true);
    const r = clone(record) as unknown as AnyRecord;
    r.events[indexOf(r, 'manifest')].payload.manifest.contests[1].constituency = 'highlands';
    expect(auditRecord(JSON.stringify(r)).valid).toBe(false);
  });

  it('the verifier fails a record whose contest names a constituency the manifest does not declare, naming the contest', async () => {
    const r = clone(record) as unknown as AnyRecord;
    r.events[indexOf(r, 'manifest')].payload.manifest.contests[1].constituency = 'highlands';
    const report = await verifyRecord(r, { tokenVerifier: verifyRsaPssNode });
    expect(report.ok).toBe(false);
    // A shape failure: check 1 names it, check 4 only cannot run (docs/election-record.md M6).
    expect(failures(report, 'format').some((x) => /contests(\[1\]|\.1)\.constituency.*highlands is not declared/.test(x)), failures(report, 'format').join('\n')).toBe(true);
    expect(failures(report, 'manifest').join('\n')).toMatch(/cannot be checked/);
  });

  it('the verifier fails a manifest that declares a code twice', async () => {
    const r = clone(record) as unknown as AnyRecord;
    const m = r.events[indexOf(r, 'manifest')].payload.manifest;
    m.constituencies.push({ ...INDIGENOUS, nameEs: 'Pueblos originarios' });
    const report = await verifyRecord(r, { tokenVerifier: verifyRsaPssNode });
    expect(failures(report, 'format').some((x) => /duplicate constituency code indigenous_peoples/.test(x)), failures(report, 'format').join('\n')).toBe(true);
  });
});
