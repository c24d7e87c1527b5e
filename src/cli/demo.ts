/**
 * `npm run demo [-- --lang en] [--out DIR]`: the model election, end to end, from nothing.
 *
 * A fresh embedded database (PGlite in a temporary directory), the API listening on a
 * loopback port, and every actor talking to it over HTTP with the project's client
 * library, as they would from their own machines: the administrator registers the
 * associations, the committee (Ministry of Health, a civil-society network, an
 * international agency) accredits them by two-sector decisions — with rejections and an
 * appeal — and vets the candidates (one conflict-of-interest exclusion); the three
 * trustees run the key ceremony with passphrase-encrypted key files; two members of two
 * sectors run their token issuers as separate processes (`npm run issuer -- keygen`, then
 * `serve` through the token window, each with its own key files; demo-issuers.ts); every
 * accredited association obtains its token, blindly signed by both, and then casts an
 * encrypted ballot anonymously (a few audit a ballot first); the issuers post their signed
 * logs; the committee closes the vote; two of the three trustees decrypt (the
 * civil-society trustee is absent); the committee publishes; the record is exported to a
 * file and checked by the independent verifier; the "who must collude" table's figures
 * under this election's rules end the run (demo-collusion.ts).
 * @module
 */
import { Command, Option } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import { type ActivatedAccount, activateAccount } from '../client/account.js';
import { ApiClient, ApiError, type Lang } from '../client/api.js';
import { proposeSigned, voteSigned } from '../client/committee.js';
import { createKey, deal, decryptTally, verifyDealings } from '../client/trustee.js';
import { committeeMemberId } from '../client/ceremony.js';
import { fetchBoard } from '../client/board.js';
import { witnessBoardHead } from '../client/witness.js';
import {
  type IssuanceAttempt, auditBallot, beginIssuedToken, castBallot, collectIssuedToken, fetchManifest, findTrackingCode, prepareBallot, type VotingCredentials,
} from '../client/voter.js';
import { verifyStrictSignatureNode } from '../crypto/ballot-signature-node.js';
import { exportTrusteeKeyfileAsync, type TrusteeSecrets } from '../crypto/trustee-keyfile.js';
import { migrateToLatest, openDatabase } from '../db/connect.js';
import { migrateRelay, openRelayDatabase, relayStore } from '../db/relay.js';
import { createStore } from '../db/store.js';
import { ensureBootstrapAdmin } from '../domain/accounts.service.js';
import type { TemplateConstituency } from '../domain/reference.js';
import { buildApp } from '../http/app.js';
import { APPLICANTS, CANDIDATES, COMMITTEE, CONTESTS, ELECTION_TITLE, associations, type DemoAssociation } from './demo-data.js';
import { runVerification } from './verify.js';
import { collusionFigures, collusionLines } from './demo-collusion.js';
import { TEXTS, type Texts } from './demo-texts.js';
import { awaitIssuer, type DemoIssuer, prepareIssuer, runIssuer, startIssuer, stopIssuers } from './demo-issuers.js';

// ---- the scenario's fixed choices ----

/** Which PLWHA applicants (by index) the committee rejects, and which of them appeal. */
const REJECTED = { plwha: [3, 17, 40, 68], tb: [5] } as Partial<Record<TemplateConstituency, number[]>>;
const APPEAL_OVERTURNED = { constituency: 'plwha' as TemplateConstituency, index: 3 };
const APPEAL_UPHELD = { constituency: 'plwha' as TemplateConstituency, index: 17 };
/** The trustee who does not show up for decryption (index in COMMITTEE: civil society). */
const ABSENT_TRUSTEE = 1;
/** How many voters audit a ballot before casting it. */
const AUDITORS = 5;

/**
 * Votes are the associations' own; here a seeded generator makes them reproducible so the
 * demo's result is the same on every run (the ciphertexts are not: their randomness is fresh).
 */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = s;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** Popularity weights per candidate (manifest order), so the count is not uniform. */
const WEIGHTS: Record<TemplateConstituency, number[]> = {
  plwha: [0.62, 0.48, 0.41, 0.22], tb: [0.55, 0.4], malaria: [0.35, 0.6], sex_workers: [0.7, 0.25], gay_men: [0.45, 0.5], transgender: [0.6, 0.35],
};

function chooseFor(rand: () => number, constituency: TemplateConstituency, candidates: number, maxSelections: number): number[] {
  const choices = new Array<number>(candidates).fill(0);
  if (rand() < 0.04) return choices; // a blank ballot now and then
  const marks = maxSelections > 1 && rand() < 0.25 ? maxSelections - 1 : maxSelections;
  const weights = Array.from({ length: candidates }, (_, k) => WEIGHTS[constituency][k] ?? 0.3);
  // Weighted draws without replacement: a voter marks distinct candidates.
  for (let m = 0; m < Math.min(marks, candidates); m++) {
    const total = weights.reduce((a, w, k) => a + (choices[k] ? 0 : w), 0);
    let x = rand() * total;
    const k = weights.findIndex((w, i) => !choices[i] && (x -= w) < 0);
    choices[k === -1 ? choices.indexOf(0) : k] = 1;
  }
  return choices;
}

// ---- output ----

function bar(label: string, total: number): SingleBar {
  const b = new SingleBar({ format: `${label.padEnd(40)} [{bar}] {value}/{total}`, hideCursor: true, stream: process.stderr }, Presets.shades_classic);
  b.start(total, 0);
  return b;
}

function say(line = ''): void {
  process.stdout.write(`${line}\n`);
}

function short(hex: string): string {
  return `${hex.slice(0, 16)}…`;
}

// ---- the run ----

interface Registered extends DemoAssociation {
  id: string;
  api: ApiClient;
  /** The association's activated account: its own signing key signs its token requests. */
  account: ActivatedAccount;
  applicationId?: string;
}

interface Options {
  lang: Lang;
  out: string;
}

export async function runDemo(o: Options): Promise<boolean> {
  const t: Texts = TEXTS[o.lang];
  const started = performance.now();
  const rand = seeded(2026);
  say(t.title);
  say();

  const outDir = resolve(o.out);
  await mkdir(outDir, { recursive: true });
  const dataDir = await mkdtemp(join(tmpdir(), 'anfora-demo-'));
  const db = openDatabase({ dataDir });
  await migrateToLatest(db);
  const store = createStore(db);
  const adminEmail = 'admin@anfora.demo';
  const adminPassword = randomBytes(18).toString('base64url');
  await ensureBootstrapAdmin(store, adminEmail, adminPassword);
  // Every association signs in from this one machine, so the per-address login limit is
  // set to the electorate's size; a real deployment keeps the default.
  // The token relay in a database of its own, never the ballots' (issue 12).
  const relayDb = openRelayDatabase({ dataDir: join(dataDir, 'issuance') });
  await migrateRelay(relayDb);
  const app = await buildApp({
    store, relay: relayStore(relayDb), jwtSecret: randomBytes(32).toString('base64url'), accessTokenSeconds: 3600, loginRateLimit: 10_000, bodyLimit: 1 << 20,
  });
  const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  try {
    say(t.server(baseUrl, dataDir));
    const pub = new ApiClient({ baseUrl, lang: o.lang });
    const admin = await pub.login(adminEmail, adminPassword);

    // -- the election and its committee --
    const election = await admin.post('/elections', {
      title: ELECTION_TITLE,
      contests: CONTESTS.map((c) => ({ ...c, alternates: c.seats, maxSelections: c.seats })),
    }) as { id: string; contests: { id: string; constituency: TemplateConstituency; title: string }[] };
    const electionId = election.id;
    const contestOf = new Map(election.contests.map((c) => [c.constituency, c]));
    // Each account is created as an invitation; its owner activates it with a password
    // they choose and a signing key generated on their side (the administrator knows neither).
    const activate = async (invitation: { code: string }): Promise<{ api: ApiClient; account: ActivatedAccount; password: string }> => {
      const password = randomBytes(15).toString('base64url');
      const account = await activateAccount(pub, invitation.code, password);
      return { api: pub.withToken(account.accessToken!), account, password };
    };
    const members: ApiClient[] = [];
    const memberKeys: ActivatedAccount[] = [];
    const memberPasswords: string[] = [];
    for (const [i, m] of COMMITTEE.entries()) {
      const r = await admin.post(`/elections/${electionId}/committee`, { ...m, accountEmail: `comite-${i + 1}@anfora.demo` }) as { invitation: { code: string } };
      const { api, account, password } = await activate(r.invitation);
      members.push(api);
      memberKeys.push(account);
      memberPasswords.push(password);
    }
    say(t.election(CONTESTS.length));
    /** A decision: proposed by one member, approved by a member of another sector, each signing its statement. */
    const decide = async (body: Record<string, unknown> & { kind: string }, proposer: number, approver: number) => {
      const p = await proposeSigned(members[proposer]!, electionId, body, memberKeys[proposer]!.secretKey);
      const a = await voteSigned(members[approver]!, electionId, p.proposal!, 'approve', memberKeys[approver]!.secretKey);
      if (a.status !== 'executed') throw new Error(`${body.kind}: not executed (${a.status})`);
    };
    // Every phase change is a two-sector decision.
    const phase = (to: string, proposer: number, approver = (proposer + 1) % COMMITTEE.length) => decide({ kind: 'phase_change', to }, proposer, approver);
    await phase('accreditation', 0);
    /** A complaint filed in the open window and answered by a two-sector decision. */
    const complain = async (
      by: ApiClient, body: { category: string; text: string; showIdentity: boolean }, decision: 'upheld' | 'dismissed', reasoning: string, who: string,
    ) => {
      const filed = await by.post(`/elections/${electionId}/complaints`, body) as { id: string; window: 'roll' | 'post_close' };
      await decide({ kind: 'complaint_answer', complaintId: filed.id, decision, reasoning }, 2, 0);
      say(t.complaint(filed.window === 'roll' ? t.windowRoll : t.windowPostClose, who, t.decision[decision]));
    };

    // -- associations register (the administrator) and apply (each association) --
    const list = associations();
    const registered: Registered[] = [];
    let b = bar(t.registering, list.length);
    const invited: { a: DemoAssociation; id: string; invitation: { code: string } }[] = [];
    for (const [k, a] of list.entries()) {
      const r = await admin.post('/associations', {
        legalName: a.legalName, registrationNumber: a.registrationNumber, region: a.region, constituencies: [a.constituency],
        contactName: `Coordinación ${k + 1}`, contactEmail: `contacto-${k + 1}@anfora.demo`, accountEmail: `asociacion-${k + 1}@anfora.demo`,
      }) as { id: string; invitation: { code: string } };
      invited.push({ a, id: r.id, invitation: r.invitation });
      b.increment();
    }
    b.stop();
    // The associations activate their invitations, a few at a time (each hashes its password with scrypt).
    b = bar(t.activating, invited.length);
    const keysRegistered: ActivatedAccount[] = [...memberKeys];
    for (let i = 0; i < invited.length; i += 4) {
      const batch = await Promise.all(invited.slice(i, i + 4).map(async (x) => {
        const { api, account } = await activate(x.invitation);
        b.increment();
        return { ...x.a, id: x.id, api, account };
      }));
      for (const x of batch) {
        registered.push({ ...x, api: x.api });
        keysRegistered.push(x.account);
      }
    }
    b.stop();
    say(t.activated(keysRegistered.length, new Set(keysRegistered.map((k) => k.signingKey)).size));
    b = bar(t.applying, registered.length);
    for (const a of registered) {
      const r = await a.api.post(`/elections/${electionId}/applications`, { contestId: contestOf.get(a.constituency)!.id }) as { id: string };
      a.applicationId = r.id;
      b.increment();
    }
    b.stop();

    // -- accreditation by two-sector decisions, with rejections and appeals --
    const byConstituency = (c: TemplateConstituency) => registered.filter((a) => a.constituency === c);
    const rejected = new Set(Object.entries(REJECTED).flatMap(([c, idx]) => idx.map((i) => byConstituency(c as TemplateConstituency)[i]!.id)));
    b = bar(t.deciding, registered.length);
    for (const [k, a] of registered.entries()) {
      const reject = rejected.has(a.id);
      await decide({
        kind: 'accreditation_decision', applicationId: a.applicationId, decision: reject ? 'reject' : 'accredit',
        ...(reject && { reason: 'Personería jurídica vencida en el registro público' }),
      }, k % 3, (k + 1) % 3);
      b.increment();
    }
    b.stop();
    const overturned = byConstituency(APPEAL_OVERTURNED.constituency)[APPEAL_OVERTURNED.index]!;
    const upheld = byConstituency(APPEAL_UPHELD.constituency)[APPEAL_UPHELD.index]!;
    for (const a of [overturned, upheld]) {
      await a.api.post(`/applications/${a.applicationId}/appeal`, { text: 'Adjuntamos la constancia de inscripción vigente.' });
    }
    await decide({ kind: 'appeal_decision', applicationId: overturned.applicationId, decision: 'overturn', reason: 'Constancia vigente presentada' }, 1, 2);
    await decide({ kind: 'appeal_decision', applicationId: upheld.applicationId, decision: 'uphold', reason: 'La constancia presentada también está vencida' }, 2, 0);
    say(t.appeals(overturned.legalName, upheld.legalName));
    const rolls = new Map<TemplateConstituency, Set<string>>();
    for (const c of CONTESTS) {
      const roll = await pub.get(`/elections/${electionId}/contests/${contestOf.get(c.constituency)!.id}/roll`) as { id: string }[];
      rolls.set(c.constituency, new Set(roll.map((r) => r.id)));
      say(t.rolls(c.title, roll.length));
    }
    const voters = registered.filter((a) => rolls.get(a.constituency)!.has(a.id));

    // -- nominations and eligibility --
    await phase('nominations', 1);
    const rollComplainant = voters.find((v) => v.constituency === 'plwha')!;
    await complain(rollComplainant.api, {
      category: 'accreditation', showIdentity: true,
      text: `Solicitamos que el comité explique por qué se acreditó a «${overturned.legalName}» tras una denegatoria inicial.`,
    }, 'dismissed', 'La asociación presentó en su apelación la constancia de inscripción vigente; la decisión se tomó con dos sectores y consta en el tablero.', rollComplainant.legalName);
    let eligible = 0;
    let barredName = '';
    for (const c of CONTESTS) {
      const nominators = voters.filter((a) => a.constituency === c.constituency);
      for (const [k, cand] of CANDIDATES[c.constituency].entries()) {
        const nominator = nominators[(k * 7) % nominators.length]!;
        const r = await nominator.api.post(`/elections/${electionId}/candidates`, {
          contestId: contestOf.get(c.constituency)!.id, ...cand, implementsGlobalFund: cand.implementsGlobalFund === true,
        }) as { id: string };
        if (cand.implementsGlobalFund === true) {
          await decide({ kind: 'candidate_eligibility', candidateId: r.id, eligible: false, reason: 'Conflicto de intereses: su empleador implementa proyectos del Fondo Mundial' }, 2, 1);
          barredName = cand.fullName;
        } else {
          await decide({ kind: 'candidate_eligibility', candidateId: r.id, eligible: true }, 0, 2);
          eligible++;
        }
      }
    }
    say(t.candidates(eligible, barredName));

    // -- key ceremony: each trustee with its own passphrase-encrypted key file --
    await phase('key_ceremony', 2);
    say(t.ceremony);
    const keyDir = join(outDir, 'custodios');
    await mkdir(keyDir, { recursive: true });
    const trustees = COMMITTEE.map((m, i) => ({
      name: `${m.fullName} (${m.organisation})`, api: members[i]!, accountKey: memberKeys[i]!.secretKey, passphrase: randomBytes(18).toString('base64url'),
      path: join(keyDir, `custodio-${i + 1}.json`), secrets: undefined as TrusteeSecrets | undefined,
    }));
    const persistFor = (tr: (typeof trustees)[number]) => async (s: TrusteeSecrets) => {
      tr.secrets = s;
      await writeFile(tr.path, await exportTrusteeKeyfileAsync(s, tr.passphrase, { label: `anfora ${electionId}` }), { mode: 0o600 });
    };
    const step = <T extends { ok: boolean }>(what: string, r: T): T => {
      if (!r.ok) throw new Error(`${what}: ${JSON.stringify(r)}`);
      return r;
    };
    // Each trustee's tool signs the board head it saw after each step (as `npm run trustee` does).
    let witnessed = 0;
    const witness = async (tr: (typeof trustees)[number]) => {
      const w = step('witness', await witnessBoardHead(tr.api, tr.accountKey, electionId));
      if (w.ok && w.appended) witnessed++;
    };
    for (const tr of trustees) { step('trustee key', await createKey(tr.api, electionId, tr.accountKey, persistFor(tr))); await witness(tr); }
    for (const tr of trustees) { step('dealing', await deal(tr.api, electionId, tr.secrets!, persistFor(tr))); await witness(tr); }
    for (const tr of trustees) { step('verification', await verifyDealings(tr.api, electionId, tr.secrets!, persistFor(tr))); await witness(tr); }
    const ceremony = await pub.get(`/elections/${electionId}/ceremony`) as { jointPublicKey: string };
    say(t.jointKey(short(ceremony.jointPublicKey)));
    say(t.keyfiles(keyDir));
    // Token issuers of two sectors (issue 12): the first two members each run `npm run issuer
    // -- keygen` as a process of their own: one issuing key per contest, generated there,
    // sealed in its own key file, registered with a proof of possession. The demo never
    // holds an issuing key; the server never does.
    say(t.issuers);
    const issuers: DemoIssuer[] = [];
    for (const i of [0, 1]) {
      const m = memberKeys[i]!;
      issuers.push(await prepareIssuer(keyDir, i + 1, { accountId: m.accountId, email: m.email, password: memberPasswords[i]!, secretKey: m.secretKey }, o.lang));
    }
    const issuerRun = { baseUrl, electionId, lang: o.lang };
    await Promise.all(issuers.map((who) => runIssuer(who, 'keygen', issuerRun, say)));

    // -- the token window opens: a decision of two sectors; the manifest is frozen --
    await phase('tokens', 0, 2);
    // Each issuer serves the window in its own process: it checks each request against the
    // manifest and the board on its side, signs blindly, witnesses the board after each batch
    // that signed, and once the window closes posts its signed logs and exits.
    say(t.issuersServe);
    const serving = issuers.map((who) => startIssuer(who, 'serve', { ...issuerRun, interval: 0.5 }, say));
    const loaded = step('manifest', await fetchManifest(pub, electionId));
    if (!loaded.ok) return false;
    const { decoded, hash } = loaded;
    say(t.votingOpen(short(Buffer.from(hash).toString('hex'))));

    // Tokens in their window, ballots only after it closes and in another order: the time
    // and order of issuance say nothing about the time or order of the ballots.
    // Each association posts its signed request to the relay; the issuers answer them in
    // one batch each; each association then collects its blind signatures and unblinds.
    const credentials: { voter: Registered; contestId: string; creds: VotingCredentials }[] = [];
    const attempts: { voter: Registered; contestId: string; attempt: IssuanceAttempt }[] = [];
    for (const v of voters) {
      const contestId = contestOf.get(v.constituency)!.id;
      const attempt = beginIssuedToken(decoded, contestId, { associationId: v.id, secretKey: v.account.secretKey });
      await v.api.post('/issuance/requests', attempt.body);
      attempts.push({ voter: v, contestId, attempt });
    }
    b = bar(t.tokens, voters.length);
    for (const { voter, contestId, attempt } of attempts) {
      // The relay answers as soon as the issuers' processes have signed: up to 5 holds of 25 s (about 2 minutes).
      const r = await collectIssuedToken(voter.api, decoded, attempt, { attempts: 5 });
      if (!r.ok) throw new Error(`token: ${r.reason} ${r.detail}`);
      credentials.push({ voter, contestId, creds: { token: r.token, ballotKeys: r.ballotKeys } });
      b.increment();
    }
    b.stop();
    // -- voting opens: a second decision of two sectors closes the token window --
    await phase('voting', 1, 2);
    say(t.castingOpen(credentials.length));
    // The issuers see the window closed, post their signed logs (the close waits for them) and exit.
    for (const [i, p] of serving.entries()) await awaitIssuer(p, `issuer serve (${issuers[i]!.label})`, 120_000);
    say(t.issuersDone);
    for (let i = credentials.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [credentials[i], credentials[j]] = [credentials[j]!, credentials[i]!];
    }

    const plain = new Map<string, number[]>();
    const receipts: { code: string }[] = [];
    let audited = 0;
    b = bar(t.casting, credentials.length);
    for (const [k, { voter, contestId, creds }] of credentials.entries()) {
      const contest = decoded.contests.get(contestId)!.contest;
      const choices = chooseFor(rand, voter.constituency, contest.candidates.length, contest.maxSelections);
      if (k < AUDITORS) {
        // The Benaloh challenge: this encryption is opened and thrown away, then a fresh one is cast.
        const { verdict } = auditBallot(decoded, prepareBallot(decoded, hash, contestId, choices, creds));
        if (!verdict.ok || verdict.choices.join() !== choices.join()) throw new Error(`audit: ${JSON.stringify(verdict)}`);
        audited++;
      }
      const prepared = prepareBallot(decoded, hash, contestId, choices, creds);
      const r = await castBallot(pub.anonymous(), decoded, prepared.body, { verifySignature: verifyStrictSignatureNode });
      if (!r.ok) throw new Error(`cast: ${r.reason} ${r.detail}`);
      // A lost answer comes back recovered from the board: its event is checked already, and there is no receipt.
      if (!r.recovered) {
        const found = await findTrackingCode(pub, electionId, r.receipt.trackingCode, r.receipt, prepared.body);
        if (!found.ok) throw new Error(`tracking code: ${found.reason} ${found.detail}`);
      }
      receipts.push({ code: r.recovered ? r.trackingCode : r.receipt.trackingCode });
      const counts = plain.get(contestId) ?? new Array<number>(choices.length).fill(0);
      choices.forEach((c, i) => (counts[i]! += c));
      plain.set(contestId, counts);
      b.increment();
    }
    b.stop();
    say(t.audits(audited));
    say(t.receipts(receipts.length));

    // -- close (the issuers' logs are in), decrypt with two of three trustees, publish --
    await phase('closed', 1, 0);
    say(t.closed);
    await complain(voters[0]!.api, {
      category: 'voting_conduct', showIdentity: false,
      text: 'La página de votación tardó varios minutos en cargar en nuestra región; pedimos que el comité confirme que no se perdieron votos.',
    }, 'dismissed', 'El tablero público muestra cada papeleta recibida con su código de seguimiento; el número de papeletas coincide con el de fichas usadas.', t.anonymous);
    say(t.absent(trustees[ABSENT_TRUSTEE]!.name));
    for (const [i, tr] of trustees.entries()) {
      if (i === ABSENT_TRUSTEE) continue;
      step('decryption', await decryptTally(tr.api, electionId, tr.secrets!, persistFor(tr)));
      await witness(tr);
      say(t.decrypted(tr.name));
    }
    say(t.witnesses(witnessed));
    await phase('published', 2, 0);
    say(t.published);

    // -- the record, streamed to a file, then verified independently --
    const recordPath = join(outDir, 'registro-eleccion.json');
    const response = await fetch(`${baseUrl}/elections/${electionId}/record`);
    if (!response.ok || response.body === null) throw new Error(`record export: HTTP ${response.status}`);
    await pipeline(Readable.fromWeb(response.body as import('node:stream/web').ReadableStream), createWriteStream(recordPath));
    say(t.exported(recordPath, Math.round((await stat(recordPath)).size / 1024)));

    // -- results table --
    const results = await pub.get(`/elections/${electionId}/results`) as {
      contests: { contestId: string; counts: { candidateId: string; votes: number }[]; ranking: string[]; titulars: string[]; alternates: string[] }[];
    };
    say();
    say(t.results);
    for (const c of results.contests) {
      const contest = decoded.contests.get(c.contestId)!.contest;
      const cast = credentials.filter((x) => x.contestId === c.contestId).length;
      say();
      say(`${contest.title} — ${t.turnout(cast, contest.roll.length)}`);
      const name = new Map(contest.candidates.map((x) => [x.id, x.fullName]));
      const votes = new Map(c.counts.map((x) => [x.candidateId, x.votes]));
      const expected = plain.get(c.contestId) ?? [];
      contest.candidates.forEach((x, i) => {
        if (votes.get(x.id) !== (expected[i] ?? 0)) throw new Error(`result of ${contest.title} differs from the votes cast`);
      });
      for (const id of c.ranking) {
        const seat = c.titulars.includes(id) ? t.titular : c.alternates.includes(id) ? t.alternate : t.none;
        say(`  ${name.get(id)!.padEnd(28)} ${String(votes.get(id)).padStart(5)}  ${seat}`);
      }
    }
    say();

    say(t.verifying);
    const reportPath = join(outDir, 'informe-auditoria.html');
    const verdict = await runVerification(recordPath, { lang: o.lang, print: (line) => say(`  ${line}`), report: reportPath });
    say();
    say(t.auditReport(reportPath));
    say(verdict ? t.verified : t.notVerified);
    // -- who must collude to do what, under this election's rules --
    const final = step('board', await fetchBoard(pub, electionId));
    if (!final.ok) return false;
    const witnesses = new Set(final.events.filter((e) => e.kind === 'head_witnessed').map((e) => (e.payload as { memberId: string }).memberId)).size;
    say();
    for (const line of collusionLines(collusionFigures(decoded, witnesses), o.lang)) say(line);
    say();
    say(t.elapsed(((performance.now() - started) / 1000).toFixed(1)));
    return verdict;
  } finally {
    await stopIssuers();
    await app.close();
    await db.destroy();
    await relayDb.destroy();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const program = new Command('demo')
    .description('La elección modelo de extremo a extremo / the model election end to end')
    .addOption(new Option('--lang <lang>', 'idioma / language').choices(['es', 'en']).default('es'))
    .option('--out <dir>', 'carpeta de salida / output folder', 'out/demo');
  program.parse([...argv], { from: 'user' });
  const o = program.opts<Options>();
  try {
    return (await runDemo(o)) ? 0 : 1;
  } catch (e) {
    const detail = e instanceof ApiError ? `${e.status} ${e.code}: ${e.detail}` : e instanceof Error ? e.stack ?? e.message : String(e);
    process.stderr.write(`${TEXTS[o.lang].failed(detail)}\n`);
    return 1;
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
