/**
 * What is a trustee's to do next, from the public ceremony state (`GET /ceremony`), the
 * election's phase and the decryption shares on the board — one rule for the trustees'
 * page and the committee console — with the way to do it: the trustees' page, or the
 * trustee CLI's command (docs: `npm run trustee`).
 * @module
 */
import type { ApiClient } from '../../client/api.js';
import type { Bilingual } from './i18n.js';

/** The public ceremony state as the pages read it (`GET /elections/:id/ceremony`, undecoded). */
export interface CeremonyState {
  n: number;
  t: number;
  trustees: { index: number; memberId: string; fullName: string; sector: string; publicKey: unknown }[];
  dealings: { dealer?: number }[];
  complaints: unknown[];
  verified: number[];
  disqualified: number[];
  jointPublicKey: string | null;
}

export type TrusteeTask =
  | 'not_yet' | 'init' | 'wait_keys' | 'deal' | 'wait_dealings' | 'verify' | 'wait_ceremony' | 'wait_close'
  | 'decrypt' | 'wait_shares' | 'done' | 'disqualified';

/** The steps a trustee runs in the page (and with the CLI's command of the same name). */
export const RUNNABLE: ReadonlySet<TrusteeTask> = new Set(['init', 'deal', 'verify', 'decrypt']);

/**
 * Trustee `index`'s next task. `sharesPosted`: the trustees whose decryption shares are on
 * the board (null before the close).
 */
export function trusteeTask(phase: string, c: CeremonyState | null, index: number, sharesPosted: readonly number[] | null): TrusteeTask {
  if (c === null || ['draft', 'accreditation', 'nominations'].includes(phase)) return 'not_yet';
  if (c.disqualified.includes(index)) return 'disqualified';
  if (phase === 'key_ceremony' || c.jointPublicKey === null) {
    if (c.trustees[index - 1]?.publicKey == null) return 'init';
    if (c.trustees.some((tr) => tr.publicKey == null)) return 'wait_keys';
    const dealt = new Set(c.dealings.map((d) => d.dealer));
    if (!dealt.has(index)) return 'deal';
    if (dealt.size < c.n) return 'wait_dealings';
    if (!c.verified.includes(index)) return 'verify';
    if (c.jointPublicKey === null) return 'wait_ceremony';
    return 'wait_close';
  }
  if (phase === 'voting') return 'wait_close';
  if (phase === 'closed') {
    const posted = new Set(sharesPosted ?? []);
    return posted.has(index) ? 'wait_shares' : 'decrypt';
  }
  return 'done';
}

/** The trustees whose decryption shares are on the board (null before the close). */
export async function sharesOnBoard(pub: ApiClient, electionId: string, phase: string): Promise<number[] | null> {
  if (!['closed', 'tallied', 'published'].includes(phase)) return null;
  const path = `/elections/${encodeURIComponent(electionId)}/board`;
  const first = (await pub.get(`${path}?from=0&limit=1`)) as { head: { seq: number } | null };
  if (first.head === null) return [];
  // Decryption shares come after the close and the tally: the tail of the board holds them.
  const from = Math.max(0, first.head.seq - 499);
  const page = (await pub.get(`${path}?from=${from}&limit=500`)) as { events: { kind: string; payload: { trustee?: number } }[] };
  return page.events.filter((e) => e.kind === 'decryption_share').map((e) => Number(e.payload.trustee));
}

/** The trustee CLI's command line for a step (the member adds their own paths). */
export function cliCommand(step: string, electionId: string): string {
  const extra = step === 'init' ? ' --keyfile custodio.json --account-key cuenta.json' : ' --keyfile custodio.json';
  return `npm run trustee -- ${step} --api ${location.origin} --election ${electionId} --email …${extra}`;
}

/** Each task in words: what it is, and (for the runnable ones) that the page or the CLI does it. */
export const TASK_TEXTS: Bilingual<{ tasks: Record<TrusteeTask, string>; how: string; orCli: string; page: string }> = {
  es: {
    tasks: {
      not_yet: 'La ceremonia de claves empieza en la fase de ceremonia de claves; por ahora no hay nada que hacer.',
      init: 'Genere su clave de custodio.',
      wait_keys: 'Su clave está publicada. Espere a que los demás custodios publiquen las suyas.',
      deal: 'Publique su reparto: las partes cifradas para los demás custodios.',
      wait_dealings: 'Su reparto está publicado. Espere los repartos de los demás custodios.',
      verify: 'Verifique las partes que recibió (y reclame por las que no sean correctas).',
      wait_ceremony: 'Su verificación está publicada. Espere la de los demás custodios.',
      wait_close: 'La ceremonia concluyó. Guarde su archivo de claves y su frase de paso: los necesitará después del cierre de la votación.',
      decrypt: 'Publique su descifrado parcial del resultado.',
      wait_shares: 'Su descifrado parcial está publicado. Faltan otros custodios para alcanzar el umbral.',
      done: 'No le queda ninguna tarea como custodio.',
      disqualified: 'Usted fue descalificado en la ceremonia: no participa en el descifrado.',
    },
    how: 'Cómo hacerlo',
    orCli: 'o con la línea de comandos:',
    page: 'en la página de custodios',
  },
  en: {
    tasks: {
      not_yet: 'The key ceremony starts in the key ceremony phase; there is nothing to do yet.',
      init: 'Generate your trustee key.',
      wait_keys: 'Your key is posted. Wait for the other trustees to post theirs.',
      deal: 'Post your dealing: the encrypted shares for the other trustees.',
      wait_dealings: 'Your dealing is posted. Wait for the other trustees\' dealings.',
      verify: 'Verify the shares you received (and complain about any that is not correct).',
      wait_ceremony: 'Your verification is posted. Wait for the other trustees\'.',
      wait_close: 'The ceremony is over. Keep your key file and its passphrase: you will need them after voting closes.',
      decrypt: 'Post your partial decryption of the result.',
      wait_shares: 'Your partial decryption is posted. Other trustees are needed to reach the threshold.',
      done: 'You have no task left as a trustee.',
      disqualified: 'You were disqualified in the ceremony: you take no part in the decryption.',
    },
    how: 'How to do it',
    orCli: 'or with the command line:',
    page: 'on the trustees\' page',
  },
};
