/**
 * The trustees' page in Chromium: three committee members run the key ceremony in their
 * own pages (init, deal, verify), each step in the page's Web Worker with the CLI's code;
 * after the vote two of them decrypt in their pages and the election reaches the tallied
 * state; once published, the results equal the verifier's. The key file the page makes
 * opens with the CLI (its `verify` run on it), and one sealed by the CLI's key file code
 * opens in the page. No request body ever carries a key file, a passphrase or a secret.
 * Each step is seen to start a Web Worker. The console tells each member their next trustee
 * task; the acta shows the committee's approvals and the verified results. The trustee
 * page and the acta are reached by Tab alone, focus visible.
 *
 * The pages are the browser tests' build: the page seals its key files at N = 2^10 and says
 * so on screen (src/web/lib/keyfile-cost.ts). The CLI-made file is sealed at the production
 * cost, so the page's worker opens one file at that cost; test/web/keyfile-cost.test.ts
 * checks the production pages' cost and floor.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main as trusteeCli } from '../../src/cli/trustee.js';
import { scalarToHex } from '../../src/crypto/group.js';
import { DEFAULT_SCRYPT, type TrusteeSecrets, exportTrusteeKeyfile, importTrusteeKeyfile } from '../../src/crypto/trustee-keyfile.js';
import { verifyRsaPssNode } from '../../src/crypto/token-issuer.js';
import { type VerificationReport, verifyRecordText } from '../../src/verify/index.js';
import { TEST_BUILD_SCRYPT } from '../../src/web/lib/keyfile-cost.js';
import type { TestApp } from '../helpers/app.js';
import { axeViolations, createWebApp, expectKeyboardReachable, expectNoSidewaysScroll, launchBrowser, newContext, screenshot, signInMemberKeepingKey } from '../helpers/browser.js';
import { castWithClient, changePhaseWithClient, fetchRecordText } from '../helpers/client-election.js';
import type { ModelElection } from '../helpers/model-case.js';
import { expectTask, refreshTrustee, runTrusteeStep } from '../helpers/pages/trustee.js';
import { type VotingElection, openVotingElection } from '../helpers/voting.js';

let t: TestApp;
let baseUrl: string;
let browser: Browser;
let v: VotingElection;
let report: VerificationReport;
const dir = mkdtempSync(join(tmpdir(), 'anfora-trustee-page-'));
/** Member 3's secrets sealed by the key file code the CLI writes with. */
const cliFile = join(dir, 'cli-made-3.json');

const PASS = (i: number) => `custodio-${i}-frase-larga`;
const ACCOUNT_PASS = 'frase-de-la-cuenta-de-prueba';

/** One member's browser: every request body it sends, and the key files it downloaded. */
interface Member {
  context: BrowserContext;
  page: Page;
  bodies: { url: string; body: string }[];
  /** Paths of the downloaded key files, in order. */
  files: string[];
  pending: Promise<unknown>[];
  /** The address of each Web Worker the page started, in order. */
  workers: string[];
}

const members: Member[] = [];

async function openMember(i: number, m: ModelElection, width: number, lang: 'es' | 'en' = 'es'): Promise<Member> {
  const context = await newContext(browser, width);
  const page = await context.newPage();
  const member: Member = { context, page, bodies: [], files: [], pending: [], workers: [] };
  page.on('worker', (w) => member.workers.push(w.url()));
  // Requests of the page and of its worker.
  context.on('request', (r) => {
    const body = r.postData();
    if (body !== null) member.bodies.push({ url: r.url(), body });
  });
  page.on('download', (d) => {
    member.pending.push(d.path().then((p) => {
      const kept = join(dir, `m${i}-${member.files.length}-${d.suggestedFilename()}`);
      writeFileSync(kept, readFileSync(p));
      member.files.push(kept);
    }));
  });
  await page.goto(`${baseUrl}/app/trustee.html?election=${m.electionId}&lang=${lang}`);
  const account = m.memberAccounts[i]!;
  // The account key as the activation page keeps it in this browser.
  await signInMemberKeepingKey(page, account, ACCOUNT_PASS);
  return member;
}

/** Run the step on screen, wait for its outcome (a new element) and the key file it downloads; return the outcome's text. */
async function runStep(member: Member, fill: (page: Page) => Promise<void>): Promise<string> {
  const workers = member.workers.length;
  const text = await runTrusteeStep(member.page, () => fill(member.page));
  // The step ran in a Web Worker the page started for it (one per step), not on the page's thread.
  expect(member.workers.slice(workers)).toEqual([expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/app\/assets\/worker-[\w-]+\.js$/)]);
  await Promise.all(member.pending);
  return text;
}

const keyfilePass = (i: number) => async (page: Page) => { await page.locator('#keyfile-passphrase').fill(PASS(i)); };

const opened = new Map<string, TrusteeSecrets>();

/** Member `i`'s latest key file opened with the CLI's code (each file once: scrypt is slow). */
function secretsOf(member: Member, i: number): TrusteeSecrets {
  const path = member.files.at(-1)!;
  if (!opened.has(path)) {
    const r = importTrusteeKeyfile(readFileSync(path, 'utf8'), PASS(i));
    if (!r.ok) throw new Error(`key file ${i}: ${r.reason}`);
    opened.set(path, r.secrets);
  }
  return opened.get(path)!;
}

beforeAll(async () => {
  ({ t, baseUrl } = await createWebApp({ testBuild: true }));
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  for (const m of members) await m.context.close();
  await browser?.close();
  await t?.close();
});

describe('trustees in the browser', () => {
  it('three members run the key ceremony in their pages; the console tells each what is next', async () => {
    v = await openVotingElection(t, { plwha: 3, tb: 2 }, 'tp', async (_t, m) => {
      members.push(await openMember(0, m, 1280), await openMember(1, m, 360, 'en'), await openMember(2, m, 1280));
      const [a, b, c] = members as [Member, Member, Member];
      await expectTask(a.page, 'init');
      expect(await a.page.getByTestId('task').textContent()).toBe('Genere su clave de custodio.');
      // The test build says so on the page (rendered with the page's frame, before sign-in).
      expect(await a.page.getByTestId('test-build').textContent()).toContain('scrypt N = 2^10');
      expect(await axeViolations(a.page)).toEqual([]);
      await expectKeyboardReachable(a.page);
      await screenshot(a.page, 'trustee-es-1280-01-init');

      // A short passphrase is refused in the page, before any work.
      await a.page.locator('#account-passphrase').fill(ACCOUNT_PASS);
      await a.page.locator('#new-passphrase').fill('corta');
      await a.page.locator('#new-passphrase2').fill('corta');
      await a.page.getByTestId('run').click();
      await a.page.getByTestId('refused').waitFor();
      expect(await a.page.getByTestId('refused').textContent()).toBe('La frase de paso debe tener al menos 10 caracteres.');
      expect(a.files).toHaveLength(0);

      // The members act at the same time, as they would.
      await Promise.all(members.map(async (member, i) => {
        const text = await runStep(member, async (page) => {
          await page.locator('#account-passphrase').fill(ACCOUNT_PASS);
          await page.locator('#new-passphrase').fill(PASS(i));
          await page.locator('#new-passphrase2').fill(PASS(i));
        });
        expect(text).toContain(i === 1 ? `Trustee ${i + 1}'s public key posted.` : `Clave pública del custodio ${i + 1} publicada.`);
        expect(member.files).toHaveLength(1);
      }));
      await screenshot(b.page, 'trustee-en-360-02-key-posted');

      // The console tells member 1 that dealing is theirs to do next, and how.
      const console1 = await a.context.newPage();
      await console1.goto(`${baseUrl}/app/committee.html?election=${m.electionId}`);
      await console1.locator('#email').fill(m.memberAccounts[0]!.email);
      await console1.locator('#password').fill(m.memberAccounts[0]!.password);
      await console1.locator('#passphrase').fill(ACCOUNT_PASS);
      await console1.locator('#password').press('Enter');
      const task = console1.getByTestId('my-task');
      await task.waitFor();
      expect(await task.getAttribute('data-task')).toBe('deal');
      expect(await task.textContent()).toContain('Publique su reparto');
      expect(await task.getByTestId('trustee-link').getAttribute('href')).toBe(`./trustee.html?election=${m.electionId}`);
      expect(await task.locator('code').textContent()).toContain('npm run trustee -- deal');
      await console1.close();

      await Promise.all(members.map(async (member, i) => {
        await refreshTrustee(member.page);
        await expectTask(member.page, 'deal');
        const text = await runStep(member, keyfilePass(i));
        expect(text).toContain(i === 1 ? 'Dealing posted.' : 'Reparto publicado.');
        expect(member.files).toHaveLength(2);
      }));
      await screenshot(c.page, 'trustee-es-1280-03-dealt');
      await Promise.all(members.map(async (member, i) => {
        await refreshTrustee(member.page);
        await expectTask(member.page, 'verify');
        const text = await runStep(member, keyfilePass(i));
        expect(text).toContain(i === 1 ? 'Every share received is good; verification posted with no complaint.' : 'Todas las partes recibidas son correctas; verificación publicada sin reclamos.');
        expect(member.files).toHaveLength(3);
      }));
      const state = (await t.call('GET', `/elections/${m.electionId}/ceremony`)).json();
      expect(state.jointPublicKey).toBeTypeOf('string');
      expect(state.complaints).toEqual([]);
      await refreshTrustee(a.page);
      await expectTask(a.page, 'wait_close');
      expect(await axeViolations(a.page)).toEqual([]);
      await screenshot(a.page, 'trustee-es-1280-04-ceremony-over');
      await refreshTrustee(b.page);
      await expectTask(b.page, 'wait_close');
      await expectNoSidewaysScroll(b.page);
      expect(await axeViolations(b.page)).toEqual([]);
      await expectKeyboardReachable(b.page);
      await screenshot(b.page, 'trustee-en-360-04-ceremony-over');
      // Every file the pages sealed has the test build's cost in its authenticated header.
      for (const f of members.flatMap((mm) => mm.files)) expect(JSON.parse(readFileSync(f, 'utf8')).kdf).toMatchObject(TEST_BUILD_SCRYPT);
      const shares = members.map((mm, i) => secretsOf(mm, i));
      expect(shares.map((x) => x.index)).toEqual([1, 2, 3]);
      return shares.map((x) => x.secretShare!);
    });
    expect(v.trusteeShares).toHaveLength(3);
  }, 600_000);

  it('the page\'s key file opens with the CLI, and one sealed by the CLI\'s code opens in the page', async () => {
    // Page → CLI: the CLI's `verify` opens member 1's page-made file and checks the final share.
    const out: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s) => { out.push(String(s)); return true; });
    const env = { ...process.env };
    process.env.TRUSTEE_PASSPHRASE = PASS(0);
    process.env.TRUSTEE_PASSWORD = v.memberAccounts[0]!.password;
    let code: number;
    try {
      code = await trusteeCli(['verify', '--api', baseUrl, '--election', v.electionId, '--email', v.memberAccounts[0]!.email, '--keyfile', members[0]!.files.at(-1)!]);
    } finally {
      spy.mockRestore();
      process.env = env;
    }
    expect(code, out.join('')).toBe(0);
    expect(out.join('')).toContain('Ceremonia concluida: la parte secreta final coincide con la clave de verificación publicada.');

    // CLI → page: member 3's secrets sealed by the key file code the CLI writes with, under a new
    // passphrase, at the production cost (the default): the page opens a file at that cost.
    writeFileSync(cliFile, exportTrusteeKeyfile(secretsOf(members[2]!, 2), 'otra-frase-de-la-linea-de-comandos', { label: `anfora ${v.electionId}` }));
    const r = importTrusteeKeyfile(readFileSync(cliFile, 'utf8'), 'otra-frase-de-la-linea-de-comandos');
    expect(r.ok).toBe(true);
    expect(JSON.parse(readFileSync(cliFile, 'utf8')).kdf).toMatchObject(DEFAULT_SCRYPT);
  });

  it('after the vote, two members decrypt in their pages, the election is tallied and the results equal the verifier\'s', async () => {
    await castWithClient(baseUrl, v);
    await changePhaseWithClient(baseUrl, v, 'closed');
    const [a, , c] = members as [Member, Member, Member];

    // Member 3 opens the CLI-made file: first with a wrong passphrase, then the right one.
    await refreshTrustee(c.page);
    await expectTask(c.page, 'decrypt');
    await c.page.locator('#keyfile').setInputFiles(cliFile);
    const wrong = await runStep(c, async (page) => { await page.locator('#keyfile-passphrase').fill('no-es-la-frase'); });
    expect(wrong).toBe('La frase de paso no es correcta.');
    await c.page.locator('#keyfile').setInputFiles(cliFile);
    const first = await runStep(c, async (page) => { await page.locator('#keyfile-passphrase').fill('otra-frase-de-la-linea-de-comandos'); });
    expect(first).toContain('Descifrado parcial publicado; faltan otros custodios para alcanzar el umbral.');
    expect((await t.call('GET', `/elections/${v.electionId}`)).json().phase).toBe('closed');

    // Member 1 chooses the file the page downloaded.
    await refreshTrustee(a.page);
    await expectTask(a.page, 'decrypt');
    await a.page.locator('#keyfile').setInputFiles(a.files.at(-1)!);
    const second = await runStep(a, keyfilePass(0));
    expect(second).toContain('se alcanzó el umbral y el resultado fue calculado.');
    expect((await t.call('GET', `/elections/${v.electionId}`)).json().phase).toBe('tallied');
    await expectTask(a.page, 'done');
    expect(await axeViolations(a.page)).toEqual([]);
    await screenshot(a.page, 'trustee-es-1280-05-decrypted');

    await changePhaseWithClient(baseUrl, v, 'published');
    report = await verifyRecordText(await fetchRecordText(baseUrl, v.electionId), { tokenVerifier: verifyRsaPssNode });
    expect(report.ok).toBe(true);
    const server = (await t.call('GET', `/elections/${v.electionId}/results`)).json() as { contests: { contestId: string; titulars: string[]; alternates: string[]; counts: { candidateId: string; votes: number }[] }[] };
    for (const r of report.results!) {
      const s = server.contests.find((x) => x.contestId === r.contestId)!;
      expect(r.candidates.filter((x) => x.seat === 'titular').map((x) => x.candidateId)).toEqual(s.titulars);
      expect(r.candidates.filter((x) => x.seat === 'alternate').map((x) => x.candidateId)).toEqual(s.alternates);
      expect(Object.fromEntries(r.candidates.map((x) => [x.candidateId, x.votes]))).toEqual(Object.fromEntries(s.counts.map((x) => [x.candidateId, x.votes])));
    }
  }, 600_000);

  it('no request body carried a key file, a passphrase or a secret', async () => {
    const secrets = members.map((m, i) => secretsOf(m, i));
    const forbidden = [
      ...members.flatMap((m) => m.files.map((f) => JSON.parse(readFileSync(f, 'utf8')).ciphertext as string)),
      ...members.map((_, i) => PASS(i)), ACCOUNT_PASS, 'otra-frase-de-la-linea-de-comandos',
      ...secrets.flatMap((s) => [s.trusteeKey, ...s.polynomial, ...s.receivedShares.map((r) => r.share), ...(s.secretShare === undefined ? [] : [s.secretShare])].map(scalarToHex)),
    ];
    expect(forbidden.every((x) => typeof x === 'string' && x.length >= 10)).toBe(true);
    const all = members.flatMap((m) => m.bodies);
    // The workers' posts were seen: keys, dealings, verifications and decryption shares.
    for (const path of ['/ceremony/keys', '/ceremony/dealings', '/ceremony/verifications', '/tally/shares']) {
      expect(all.filter((b) => b.url.endsWith(path)).length, path).toBeGreaterThanOrEqual(path === '/tally/shares' ? 2 : 3);
    }
    for (const { url, body } of all) {
      for (const x of forbidden) expect(body.includes(x), `${url} carries a secret`).toBe(false);
    }
  });

  it('the acta shows the verified results and the committee\'s approvals, printable (es/en, 360/1280 px)', async () => {
    const committee = (await t.call('GET', `/elections/${v.electionId}/committee`)).json() as { id: string; fullName: string }[];
    const decisions = (await t.call('GET', `/elections/${v.electionId}/board?from=0&limit=500`)).json().events.filter((e: { kind: string }) => e.kind === 'decision');
    expect(decisions.length).toBeGreaterThan(5);
    // One load (the record is verified once in the page), then each width and language in turn.
    const context = await newContext(browser, 1280);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/app/acta.html?election=${v.electionId}&lang=es`);
    await page.getByTestId('verified').waitFor({ timeout: 60_000 });
    await page.getByTestId('approvals').waitFor();
    for (const width of [1280, 360]) {
      await page.setViewportSize({ width, height: 900 });
      for (const lang of ['es', 'en'] as const) {
        if (await page.evaluate(() => document.documentElement.lang) !== lang) await page.locator('#lang-switch').click();
        await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(lang);
        const rows = page.getByTestId('approvals').locator('tbody tr');
        expect(await rows.count()).toBe(decisions.length);
        // The publication: its approvers by name and sector, in the board's order.
        const last = decisions.at(-1) as { seq: number; payload: { approvals: { memberId: string }[] } };
        const row = page.getByTestId('approvals').locator(`tr[data-seq="${last.seq}"]`);
        expect(await row.getAttribute('data-kind')).toBe('phase_change');
        const text = (await row.textContent())!;
        expect(text).toContain(lang === 'es' ? 'Cambio de fase: de escrutada a resultados publicados' : 'Phase change: from tallied to results published');
        for (const a of last.payload.approvals) expect(text).toContain(committee.find((c) => c.id === a.memberId)!.fullName);
        expect(text).toContain(lang === 'es' ? '(sociedad civil)' : '(civil society)');
        expect(await page.getByTestId('chain').getAttribute('class')).toBe('ok-text');
        for (const r of report.results!) {
          const seats = await page.getByTestId(`acta-${r.contestId}`).locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-candidate'), tr.getAttribute('data-seat')]));
          expect(seats).toEqual(r.candidates.map((c) => [c.candidateId, c.seat ?? 'none']));
        }
        await expectNoSidewaysScroll(page);
        expect(await axeViolations(page)).toEqual([]);
        if (lang === 'es') await expectKeyboardReachable(page);
        await screenshot(page, `acta-${lang}-${width}`);
      }
      await page.emulateMedia({ media: 'print' });
      await screenshot(page, `acta-en-${width}-print`);
      await page.emulateMedia({ media: 'screen' });
    }
    await context.close();
  }, 300_000);
});
