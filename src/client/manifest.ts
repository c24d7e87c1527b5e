/**
 * The client's copy of an election manifest (docs/voting-protocol.md, "Opening: the
 * manifest"): `GET /elections/:id/manifest` answers `{ manifest, hash }`, and neither part
 * is trusted. The manifest is parsed and decoded strictly by src/record, the hash is
 * recomputed locally (record's `manifestHash` over the canonical JSON of the manifest as
 * published), and a mismatch with the server's `hash` or with the election asked for is
 * refused. Every ballot's context and every decryption share hashes this local hash, so a
 * client that accepted a wrong manifest would produce proofs that nobody else accepts.
 * @module
 */
import { toHex } from '../crypto/group.js';
import { manifestHash } from '../record/contexts.js';
import { type DecodedManifest, type Manifest, type ManifestError, readManifest } from '../record/manifest.js';
import { type ApiClient, type Refusal, seg } from './api.js';

/** A manifest the client accepted: the JSON, its decoded crypto objects and its local hash. */
export interface LoadedManifest {
  readonly manifest: Manifest;
  readonly decoded: DecodedManifest;
  /** manifestHash(manifest), computed here. */
  readonly hash: Uint8Array;
}

/** Why a manifest answer was refused. */
export type ManifestFailure = 'malformed_manifest' | 'hash_mismatch' | 'wrong_election';

/** Result of {@link acceptManifest} and {@link fetchManifest}. */
export type ManifestResult =
  | ({ readonly ok: true } & LoadedManifest)
  | (Refusal<ManifestFailure> & { readonly errors?: readonly ManifestError[] });

/**
 * Judge a `{ manifest, hash }` answer for election `electionId`: the manifest must parse
 * and decode strictly, belong to that election, and hash (locally) to the given `hash`.
 * Pure and never throws on the answer's content.
 * @example const r = acceptManifest(electionId, await api.get(`/elections/${electionId}/manifest`));
 */
export function acceptManifest(electionId: string, answer: unknown): ManifestResult {
  const a = answer as { manifest?: unknown; hash?: unknown } | null;
  if (typeof a !== 'object' || a === null || Array.isArray(a) || typeof a.hash !== 'string') {
    return { ok: false, reason: 'malformed_manifest', detail: 'expected { manifest, hash }' };
  }
  const read = readManifest(a.manifest);
  if (!read.ok) {
    return {
      ok: false, reason: 'malformed_manifest', errors: read.errors,
      detail: read.errors.slice(0, 5).map((e) => `${e.path}: ${e.message}`).join('; '),
    };
  }
  const { decoded } = read;
  if (decoded.manifest.electionId !== electionId) {
    return { ok: false, reason: 'wrong_election', detail: `the manifest is for election ${decoded.manifest.electionId}, not ${electionId}` };
  }
  // Hash the manifest exactly as received (the strict schema adds nothing and drops nothing).
  let hash: Uint8Array;
  try {
    hash = manifestHash(a.manifest);
  } catch (e) {
    return { ok: false, reason: 'malformed_manifest', detail: e instanceof Error ? e.message : String(e) };
  }
  if (toHex(hash) !== a.hash) {
    return { ok: false, reason: 'hash_mismatch', detail: `the manifest hashes to ${toHex(hash)}, the server says ${a.hash}` };
  }
  return { ok: true, manifest: decoded.manifest, decoded, hash };
}

/**
 * `GET /elections/:id/manifest` (public), judged by {@link acceptManifest}.
 * @throws ApiError when the server answers with an error (e.g. 409 before voting opens)
 * @example const m = await fetchManifest(api, electionId); if (m.ok) show(m.manifest.contests);
 */
export async function fetchManifest(api: ApiClient, electionId: string): Promise<ManifestResult> {
  return acceptManifest(electionId, await api.get(`/elections/${seg(electionId)}/manifest`));
}
