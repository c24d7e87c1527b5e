/**
 * Attack regression (issue 12; docs/voting-protocol.md "Who must collude to do what", row
 * "add a ballot"): an insider holding everything the server's databases and environment
 * hold — every row of the ballots' database, every row of the relay's, the process
 * environment — tries to mint a token and cast it for an association that did not vote.
 * No issuing key is there to find, and every token it can build is refused by the cast
 * path (and by the verifier's ballot check, which runs the same record/cast-ballot.ts).
 */
import { generateKeyPairSync } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { contestBallotDigest, contestBallotToJSON, ballotContext, encryptContest } from '../../src/crypto/ballot.js';
import { generateBallotKeys, signBallot } from '../../src/crypto/ballot-signature.js';
import { fromHex, toHex } from '../../src/crypto/group.js';
import { type IssuedToken, finalizeIssuedToken, issuedTokenToJSON, requestIssuedToken } from '../../src/crypto/issued-token.js';
import { blindSign, issuanceKeyFromPkcs8, signRsaPss } from '../../src/crypto/token-issuer.js';
import { preparedTokenMessage, tokenMessage } from '../../src/crypto/voting-token.js';
import { checkCastBallot } from '../../src/record/cast-ballot.js';
import { manifestHash } from '../../src/record/contexts.js';
import { verifyRsaPssNode } from '../../src/crypto/token-issuer.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { type LoadedManifest } from '../../src/client/manifest.js';
import { loadManifest, obtainTestTokens } from '../helpers/issuance.js';
import { openVotingElection, testIssuerKeysOf, type VotingElection } from '../helpers/voting.js';

vi.setConfig({ testTimeout: 300_000, hookTimeout: 600_000 });
let t: TestApp;
let v: VotingElection;
let m: LoadedManifest;

beforeAll(async () => {
  t = await createTestApp();
  v = await openVotingElection(t, { plwha: 6, tb: 3 }, 'mint');
  m = await loadManifest(t, v.electionId);
  // Three associations obtain tokens (their requests and blind signatures are in the relay's database).
  await obtainTestTokens(t, v, v.rolls.plwha!.slice(0, 3).map((who) => ({ contestId: v.contests.plwha!, who })), undefined, m);
});
afterAll(async () => t?.close());

/** Every cell of every table of a database's public schema, as text. */
async function everything(db: TestApp['database']['db'] | TestApp['relayDb']): Promise<string> {
  const tables = (await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = 'public'`.execute(db)).rows;
  const parts: string[] = [];
  for (const { table_name } of tables) {
    const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(table_name)}`.execute(db)).rows;
    parts.push(JSON.stringify(rows, (_k, x) => (x instanceof Uint8Array ? Buffer.from(x).toString('hex') : typeof x === 'bigint' ? String(x) : x)));
  }
  return parts.join('\n');
}

const contestId = () => v.contests.plwha!;

/** A cast body for `token`, its ballot honestly encrypted and signed by `secretKey`. */
function castBody(token: IssuedToken, secretKey: Uint8Array) {
  const K = m.decoded.jointPublicKey;
  const ctx = ballotContext({ manifestHash: m.hash, publicKey: K, contestId: token.contestId, ballotPublicKey: token.ballotPublicKey });
  const { ballot } = encryptContest(ctx, K, [1, 0, 0, 0], m.decoded.contests.get(token.contestId)!.contest.maxSelections);
  return { contestId: token.contestId, token: issuedTokenToJSON(token), ballot: contestBallotToJSON(ballot), signature: toHex(signBallot(secretKey, contestBallotDigest(ballot))) };
}

/** Cast it, and check it as the verifier would; both must refuse. */
async function refusedEverywhere(token: IssuedToken, secretKey: Uint8Array): Promise<string> {
  const body = castBody(token, secretKey);
  const before = (await t.call('GET', `/elections/${v.electionId}/board?from=0&limit=1`)).json().head;
  const r = await t.call('POST', `/elections/${v.electionId}/ballots`, { body });
  expect(r.statusCode, r.body).toBe(400);
  expect(r.json().detail).toContain('bad_token');
  expect((await t.call('GET', `/elections/${v.electionId}/board?from=0&limit=1`)).json().head).toEqual(before);
  const check = await checkCastBallot({ manifest: m.decoded, manifestHash: manifestHash(m.manifest), electionId: v.electionId, body, verifyToken: verifyRsaPssNode });
  expect(check.ok).toBe(false);
  return check.ok ? '' : `${check.code}/${check.reason}`;
}

describe('an insider with the server\'s databases and environment cannot add a ballot', () => {
  it('holds no issuing key: no issuer\'s private key (nor any PKCS#8 RSA key) is in either database or the environment', async () => {
    const dumps = [await everything(t.database.db), await everything(t.relayDb), JSON.stringify(process.env)];
    // The test issuers' own private keys, as their key files hold them, and the RSA PKCS#8 header.
    const secrets = [0, 1].flatMap((j) => [...testIssuerKeysOf(v, j).values()]).map((k) => toHex(k.pkcs8));
    const pkcs8Header = '020100300d06092a864886f70d0101010500';
    for (const d of dumps) {
      for (const s of secrets) expect(d.includes(s.slice(64, 256))).toBe(false);
      expect(d.includes(pkcs8Header)).toBe(false);
    }
    const tables = (await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = 'public'`.execute(t.database.db)).rows.map((r) => r.table_name);
    expect(tables).not.toContain('issuance_keys');
  });

  it('a token signed by keys of its own making, even two of two "sectors", is refused', async () => {
    const own = [0, 1].map(() => {
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 3072, publicExponent: 65537 });
      return issuanceKeyFromPkcs8(new Uint8Array(privateKey.export({ format: 'der', type: 'pkcs8' })));
    });
    const req = requestIssuedToken(own.map((k) => k.publicKey), v.electionId, contestId());
    const answers = new Map(req.blinded.map((b, i) => {
      const s = blindSign(own[i]!, b.blindedMessage);
      if (!s.ok) throw new Error('blindSign');
      return [toHex(b.keyId), s.blindSignature] as const;
    }));
    const { token } = await finalizeIssuedToken(own.map((k) => k.publicKey), req, answers);
    expect(token.signatures).toHaveLength(2);
    expect(await refusedEverywhere(token, req.ballotKeys.secretKey)).toBe('bad_token/unknown_issuer');
  });

  it('the issuers\' key ids with signatures taken from the relay\'s stored blind signatures are refused', async () => {
    const stored = (await sql<{ key_id: string; blind_signature: string }>`select key_id, blind_signature from blind_signatures`.execute(t.relayDb)).rows;
    expect(stored.length).toBeGreaterThanOrEqual(6);
    const keys = generateBallotKeys();
    const ids = [...new Set(stored.map((s) => s.key_id))].sort();
    const token: IssuedToken = {
      electionId: v.electionId, contestId: contestId(), ballotPublicKey: keys.publicKey, messagePrefix: new Uint8Array(32),
      signatures: ids.map((keyId) => ({ keyId: fromHex(keyId), signature: fromHex(stored.find((s) => s.key_id === keyId)!.blind_signature) })),
    };
    expect(await refusedEverywhere(token, keys.secretKey)).toBe('bad_token/bad_signature');
  });

  it('one issuer\'s valid signature alone, or the same issuer twice, is refused: the rule needs 2 issuers of 2 sectors', async () => {
    // Suppose the insider also held one issuer's key for this contest (k0): it still cannot meet the rule.
    const k0 = testIssuerKeysOf(v, 0).get(contestId());
    const keys = generateBallotKeys();
    const prefix = new Uint8Array(32).fill(7);
    const message = preparedTokenMessage({ electionId: v.electionId, contestId: contestId(), ballotPublicKey: keys.publicKey, messagePrefix: prefix, signature: new Uint8Array(0) });
    expect(toHex(message)).toBe(toHex(new Uint8Array([...prefix, ...tokenMessage(v.electionId, contestId(), keys.publicKey)])));
    const signature = signRsaPss(k0!, message);
    const alone: IssuedToken = { electionId: v.electionId, contestId: contestId(), ballotPublicKey: keys.publicKey, messagePrefix: prefix, signatures: [{ keyId: k0!.publicKey.keyId, signature }] };
    expect(await refusedEverywhere(alone, keys.secretKey)).toBe('bad_token/too_few_issuers');
  });
});
