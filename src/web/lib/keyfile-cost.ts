/**
 * The scrypt cost at which the pages seal key files, and the least cost at which they open
 * them. Production pages seal at DEFAULT_SCRYPT (N = 2^17) and refuse a trustee key file
 * sealed below it. The browser tests' build (dist/web-test, `ANFORA_WEB_TEST_BUILD=1`, see
 * src/web/vite.config.ts) seals at N = 2^10 and opens down to it, and every page of that
 * build says so on screen (lib/shell.ts).
 *
 * Which one a page is is a compile-time constant of its bundle, never read from the server,
 * a response, the address or the browser's storage: the server (not trusted) cannot make a
 * production page seal or open at the test cost, as nothing it sends reaches this choice
 * (the production bundle has the literal `false` in its place). An operator could serve
 * other code (the test build, or anything else); that power is not new, it is the served
 * pages' standing trust, and the test build says what it is on every page.
 * @module
 */
import { DEFAULT_SCRYPT, type ScryptParams } from '../../crypto/keyfile-envelope.js';

/** Replaced by Vite's `define` with `true` in the test build, `false` in `npm run build:web`. */
declare const __ANFORA_WEB_TEST_BUILD__: boolean | undefined;

/** The key files' cost, for one kind of build. */
export interface KeyfileCost {
  /** The cost new key files are sealed at. */
  readonly seal: ScryptParams;
  /** The least N (as log2 N) a trustee key file may have to be opened. */
  readonly minLogN: number;
  /** Whether this is the browser tests' build (the pages show a warning). */
  readonly testBuild: boolean;
}

/** The browser tests' cost: N = 2^10, the least the key file format accepts. */
export const TEST_BUILD_SCRYPT: ScryptParams = Object.freeze({ N: 2 ** 10, r: 8, p: 1 });

/** The key files' cost in a production build (`testBuild` false) or in the browser tests' build. */
export function keyfileCostFor(testBuild: boolean): KeyfileCost {
  const seal = testBuild ? TEST_BUILD_SCRYPT : DEFAULT_SCRYPT;
  return Object.freeze({ seal, minLogN: Math.log2(seal.N), testBuild });
}

/** This bundle's cost (outside a Vite build, as under vitest: production). */
export const KEYFILE_COST: KeyfileCost = keyfileCostFor(typeof __ANFORA_WEB_TEST_BUILD__ === 'boolean' && __ANFORA_WEB_TEST_BUILD__);
