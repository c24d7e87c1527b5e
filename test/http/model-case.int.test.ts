/**
 * The model case through the API, as far as the foundation goes: committee, 66
 * accredited PLWHA associations (some rejected with reasons, one appeal overturned, one
 * upheld), candidates with one barred by the conflict-of-interest rule, up to the key
 * ceremony. 69 associations apply so that, after 4 rejections and 1 overturned appeal,
 * exactly 66 stand on the roll as in the Peruvian election.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createModelElection, decide, movePhase, proposeAs, registerAssociations, type ModelElection, type RegisteredAssociation } from '../helpers/model-case.js';

let t: TestApp;
let m: ModelElection;
let plwha: RegisteredAssociation[];
let tb: RegisteredAssociation[];
const appIds = new Map<string, string>();

beforeAll(async () => {
  t = await createTestApp();
  console.log(`[model case] database: ${t.database.mode}`);
  m = await createModelElection(t);
});
afterAll(async () => t?.close());

describe('the model election up to the key ceremony', () => {
  it('leaves draft with the three-sector committee', async () => {
    await movePhase(t, m, 'accreditation');
    const r = await t.call('GET', `/elections/${m.electionId}`);
    expect(r.json().phase).toBe('accreditation');
  });

  it('registers 69 PLWHA and 3 TB associations, who apply', async () => {
    plwha = await registerAssociations(t, m.adminToken, 69, 'plwha');
    tb = await registerAssociations(t, m.adminToken, 3, 'tb');
    for (const [list, contest] of [[plwha, m.contests.plwha], [tb, m.contests.tb]] as const) {
      for (const a of list) {
        const r = await t.call('POST', `/elections/${m.electionId}/applications`, { token: a.token, body: { contestId: contest } });
        expect(r.statusCode, r.body).toBe(201);
        appIds.set(a.id, r.json().id);
      }
    }
  });

  it('accredits by two-sector decisions and rejects four with reasons', async () => {
    const rejected = new Set([plwha[3]!.id, plwha[17]!.id, plwha[40]!.id, plwha[68]!.id]);
    for (const a of [...plwha, ...tb]) {
      const reject = rejected.has(a.id);
      await decide(t, m, {
        kind: 'accreditation_decision', applicationId: appIds.get(a.id), decision: reject ? 'reject' : 'accredit',
        ...(reject && { reason: 'Personería jurídica vencida' }),
      }, a.id.charCodeAt(0) % 3, (a.id.charCodeAt(0) + 1) % 3);
    }
    const apps = (await t.call('GET', `/elections/${m.electionId}/applications`, { token: m.members[0] })).json();
    const rej = apps.filter((x: { status: string }) => x.status === 'rejected');
    expect(rej).toHaveLength(4);
    expect(rej.every((x: { reason: string }) => x.reason === 'Personería jurídica vencida')).toBe(true);
  });

  it('decides two appeals: one overturned, one upheld; a second appeal is refused', async () => {
    const overturned = plwha[3]!;
    const upheld = plwha[17]!;
    for (const a of [overturned, upheld]) {
      const r = await t.call('POST', `/applications/${appIds.get(a.id)}/appeal`, { token: a.token, body: { text: 'Adjuntamos la renovación vigente.' } });
      expect(r.statusCode, r.body).toBe(200);
    }
    await decide(t, m, { kind: 'appeal_decision', applicationId: appIds.get(overturned.id), decision: 'overturn', reason: 'Documento vigente presentado' }, 1, 2);
    await decide(t, m, { kind: 'appeal_decision', applicationId: appIds.get(upheld.id), decision: 'uphold', reason: 'El documento sigue vencido' }, 2, 0);
    const again = await t.call('POST', `/applications/${appIds.get(upheld.id)}/appeal`, { token: upheld.token, body: { text: 'Otra vez' } });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('appeal_not_allowed');
  });

  it('publishes a roll of exactly 66 PLWHA associations, readable by anyone', async () => {
    const roll = await t.call('GET', `/elections/${m.electionId}/contests/${m.contests.plwha}/roll`);
    expect(roll.statusCode).toBe(200);
    expect(roll.json()).toHaveLength(66);
    expect(roll.json().map((r: { id: string }) => r.id)).toContain(plwha[3]!.id);
    expect(roll.json().map((r: { id: string }) => r.id)).not.toContain(plwha[17]!.id);
  });

  it('takes nominations and bars one candidate under the conflict-of-interest rule', async () => {
    await movePhase(t, m, 'nominations', 1);
    const nominate = async (a: RegisteredAssociation, contestId: string, fullName: string, implementsGlobalFund: boolean) => {
      const r = await t.call('POST', `/elections/${m.electionId}/candidates`, {
        token: a.token, body: { contestId, fullName, employer: implementsGlobalFund ? 'Socio Principal del Fondo Mundial' : 'Asociación de base', implementsGlobalFund },
      });
      expect(r.statusCode, r.body).toBe(201);
      return r.json().id as string;
    };
    const ok = [
      await nominate(plwha[0]!, m.contests.plwha!, 'María Condori', false),
      await nominate(plwha[10]!, m.contests.plwha!, 'José Mamani', false),
      await nominate(plwha[20]!, m.contests.plwha!, 'Lucía Ramos', false),
      await nominate(tb[0]!, m.contests.tb!, 'Pedro Salazar', false),
    ];
    const barred = await nominate(plwha[30]!, m.contests.plwha!, 'Jorge Vargas', true);

    const wrong = await proposeAs(t, m, 0, { kind: 'candidate_eligibility', candidateId: barred, eligible: true });
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json().code).toBe('decision_conflicts_rules');
    expect(wrong.json().detail).toContain('Fondo Mundial');

    for (const id of ok) await decide(t, m, { kind: 'candidate_eligibility', candidateId: id, eligible: true });
    await decide(t, m, { kind: 'candidate_eligibility', candidateId: barred, eligible: false, reason: 'Conflicto de intereses: implementa proyectos del Fondo Mundial' }, 2, 1);
    const cands = (await t.call('GET', `/elections/${m.electionId}/candidates`)).json();
    expect(cands.filter((c: { status: string }) => c.status === 'eligible')).toHaveLength(4);
    expect(cands.find((c: { id: string }) => c.id === barred).status).toBe('ineligible');
  });

  it('reaches the key ceremony, and says that voting needs the joint key, for the TB roll of 3 the committee\'s acknowledgement, and each contest\'s token issuers', async () => {
    await movePhase(t, m, 'key_ceremony', 2);
    const status = (await t.call('GET', `/elections/${m.electionId}/phase`)).json();
    expect(status.phase).toBe('key_ceremony');
    expect(status.next).toBe('tokens');
    expect(status.blockers.map((b: { code: string }) => b.code)).toEqual(['joint_key_missing', 'small_roll_unacknowledged', 'issuers_missing', 'issuers_missing']);
    expect(status.blockers[2].es).toContain('tiene 0 emisores de fichas de 0 sectores: hacen falta 2 de al menos 2 sectores');
    expect(status.blockers[1].es).toContain('«Personas afectadas por TB» tiene 3 asociaciones acreditadas (mínimo 5)');
  });
});
