/**
 * Witnessed board heads over the API (issue 12 item 7): a committee member's client signs
 * the head it saw and the server appends it as `head_witnessed`, only with the member's
 * valid signature and only for a head that is a prefix of its board (409 otherwise: the
 * witness was shown a fork). The record then carries witnesses the verifier checks.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main as trusteeCli } from '../../src/cli/trustee.js';
import { exportAccountKeyfile } from '../../src/crypto/account-keyfile.js';
import { ApiClient } from '../../src/client/api.js';
import { witnessBoardHead } from '../../src/client/witness.js';
import { verifyRsaPssNode } from '../../src/crypto/token-issuer.js';
import { signWitness, verifyWitness } from '../../src/record/witness-statement.js';
import { verifyRecord } from '../../src/verify/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { listen } from '../helpers/client-election.js';
import { type VotingElection, prepareVotingElection } from '../helpers/voting.js';

let t: TestApp;
let m: VotingElection;
let baseUrl: string;

beforeAll(async () => {
  t = await createTestApp();
  baseUrl = await listen(t);
  m = await prepareVotingElection(t, { plwha: 2, tb: 2 }, 'wit');
}, 240_000);
afterAll(async () => t?.close());

type Event = { seq: number; kind: string; hash: string; payload: any };
const board = async (): Promise<Event[]> => (await t.call('GET', `/elections/${m.electionId}/board?limit=500`)).json().events;
const post = (token: string, body: unknown) => t.call('POST', `/elections/${m.electionId}/board/witnesses`, { token, body });

describe('POST /elections/:id/board/witnesses', () => {
  it('witnessBoardHead signs the last non-witness event and the server appends it, once', async () => {
    const api = new ApiClient({ baseUrl, token: m.members[1]! });
    const before = await board();
    const head = before.at(-1)!;
    const w = await witnessBoardHead(api, m.memberAccounts[1]!.signingSecretKey, m.electionId);
    expect(w).toMatchObject({ ok: true, witnessed: { seq: head.seq, hash: head.hash }, checked: { seq: head.seq, hash: head.hash }, appended: true });
    const after = await board();
    expect(after).toHaveLength(before.length + 1);
    const e = after.at(-1)!;
    expect(e.kind).toBe('head_witnessed');
    expect(e.payload).toMatchObject({ memberId: m.memberIds[1], seq: head.seq, hash: head.hash });
    expect(verifyWitness(m.memberAccounts[1]!.signingPublicKey, { electionId: m.electionId, seq: head.seq, hash: head.hash }, e.payload.signature)).toBe(true);
    // Again, with nothing new but the witness itself: the same head, nothing appended.
    const again = await witnessBoardHead(api, m.memberAccounts[1]!.signingSecretKey, m.electionId, w.ok ? w : undefined);
    expect(again).toMatchObject({ ok: true, witnessed: { seq: head.seq }, appended: false });
    expect(await board()).toHaveLength(after.length);
    // Another member witnesses the same head: its own event.
    const other = await witnessBoardHead(new ApiClient({ baseUrl, token: m.members[2]! }), m.memberAccounts[2]!.signingSecretKey, m.electionId);
    expect(other).toMatchObject({ ok: true, witnessed: { seq: head.seq }, appended: true });
  });

  it('refuses a bad signature, another member\'s key, a non-member and a head not on the board, changing nothing', async () => {
    const events = await board();
    const head = events.filter((e) => e.kind !== 'head_witnessed').at(-1)!;
    const s = { electionId: m.electionId, seq: head.seq, hash: head.hash };
    const good = signWitness(m.memberAccounts[0]!.signingSecretKey, s);
    const flipped = `${good.slice(0, -1)}${good.endsWith('0') ? '1' : '0'}`;
    const cases: [string, unknown, number, RegExp][] = [
      [m.members[0]!, { seq: s.seq, hash: s.hash, signature: flipped }, 400, /firma|signature/i],
      [m.members[0]!, { seq: s.seq, hash: s.hash, signature: signWitness(m.memberAccounts[1]!.signingSecretKey, s) }, 400, /firma|signature/i],
      [m.members[0]!, { seq: s.seq, hash: s.hash, signature: 'zz'.repeat(64) }, 400, /.+/],
      [m.rolls.plwha![0]!.token, { seq: s.seq, hash: s.hash, signature: good }, 403, /.+/],
    ];
    // A head the server does not hold: a fork shown to this witness (hash), or a seq it has not reached.
    const fork = { seq: head.seq, hash: 'ab'.repeat(32) };
    const ahead = { seq: events.at(-1)!.seq + 5, hash: head.hash };
    for (const x of [fork, ahead]) cases.push([m.members[0]!, { ...x, signature: signWitness(m.memberAccounts[0]!.signingSecretKey, { electionId: m.electionId, ...x }) }, 409, /prefijo|bifurcación/]);
    for (const [token, body, status, detail] of cases) {
      const r = await post(token, body);
      expect(r.statusCode, r.body).toBe(status);
      expect(String(r.headers['content-type'])).toMatch(/^application\/problem\+json/);
      expect(r.json().detail).toMatch(detail);
    }
    expect(await board()).toHaveLength(events.length);
    const english = await t.call('POST', `/elections/${m.electionId}/board/witnesses`, { token: m.members[0], body: { ...fork, signature: signWitness(m.memberAccounts[0]!.signingSecretKey, { electionId: m.electionId, ...fork }) }, headers: { 'accept-language': 'en' } });
    expect(english.json()).toMatchObject({ code: 'head_not_on_board' });
    expect(english.json().detail).toMatch(/not a prefix of this board/);
  });

  it('a client that saw another head notices that the board no longer extends it', async () => {
    const api = new ApiClient({ baseUrl, token: m.members[0]! });
    const events = await board();
    const head = events.at(-1)!;
    const forked = { witnessed: { seq: head.seq, hash: head.hash }, checked: { seq: head.seq - 1, hash: 'cd'.repeat(32) } };
    const r = await witnessBoardHead(api, m.memberAccounts[0]!.signingSecretKey, m.electionId, forked);
    expect(r).toMatchObject({ ok: false, reason: 'broken_chain' });
    expect(await board()).toHaveLength(events.length);
  });

  it('`npm run trustee -- witness` signs and posts the head with the account key file, and says so', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'anfora-witness-'));
    const account = m.memberAccounts[0]!;
    const keyfile = join(dir, 'cuenta.json');
    await writeFile(keyfile, exportAccountKeyfile(account.accountId, account.signingSecretKey, 'frase-de-paso-cuenta', { scrypt: { N: 2 ** 10, r: 8, p: 1 } }));
    const out: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => { out.push(String(chunk)); return true; });
    vi.stubEnv('TRUSTEE_PASSWORD', account.password);
    vi.stubEnv('ACCOUNT_PASSPHRASE', 'frase-de-paso-cuenta');
    try {
      const before = await board();
      const head = before.filter((e) => e.kind !== 'head_witnessed').at(-1)!;
      const code = await trusteeCli(['witness', '--api', baseUrl, '--election', m.electionId, '--email', account.email, '--account-key', keyfile, '--lang', 'en']);
      expect(code).toBe(0);
      expect(out.join('')).toContain(`Board head witnessed and posted: seq ${head.seq}, hash ${head.hash}`);
      const last = (await board()).at(-1)!;
      expect(last).toMatchObject({ kind: 'head_witnessed', payload: { memberId: m.memberIds[0], seq: head.seq, hash: head.hash } });
    } finally {
      write.mockRestore();
      vi.unstubAllEnvs();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('the record carries the witnesses and the verifier checks them', async () => {
    const record = (await t.call('GET', `/elections/${m.electionId}/record`)).json();
    const r = await verifyRecord(record, { tokenVerifier: verifyRsaPssNode, partial: true });
    expect(r.checks.find((c) => c.key === 'witnessed_heads')).toMatchObject({ ok: true });
    expect(r.governance).toMatchObject({ witnessedHeads: 3, witnessedHeadsVerified: 3 });
  });
});
