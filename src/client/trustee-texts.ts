/**
 * Why a trustee step or a key file was refused, in words, in Spanish and English: one list
 * for the trustee CLI (src/cli/trustee.ts) and the trustees' page (src/web/trustee).
 * @module
 */
import type { KeyfileFailure } from '../crypto/keyfile-envelope.js';
import type { Lang } from './api.js';
import type { TrusteeFailure } from './trustee.js';

/** A trustee step's refusal ({@link TrusteeFailure}) as a phrase. */
export const TRUSTEE_FAILURES: Readonly<Record<Lang, Readonly<Record<TrusteeFailure, string>>>> = Object.freeze({
  es: {
    malformed_ceremony: 'el servidor envió un estado de ceremonia mal formado',
    context_mismatch: 'el contexto de la ceremonia del servidor no corresponde a esta elección',
    bad_trustee_key: 'la clave publicada de un custodio no verifica',
    malformed_manifest: 'el manifiesto está mal formado',
    hash_mismatch: 'el hash del manifiesto no coincide',
    wrong_election: 'el manifiesto es de otra elección',
    not_a_trustee: 'la cuenta iniciada no es custodio de esta elección',
    wrong_keyfile: 'el archivo de claves no corresponde a este custodio o a esta ceremonia',
    keys_missing: 'faltan claves de otros custodios',
    dealings_missing: 'faltan repartos de otros custodios',
    dealing_mismatch: 'el reparto publicado no es el del archivo de claves',
    own_share_missing: 'el archivo de claves no tiene el reparto propio (ejecute deal)',
    share_missing: 'falta una parte recibida de un repartidor calificado',
    share_mismatch: 'la parte secreta no coincide con la clave de verificación publicada',
    ceremony_incomplete: 'la ceremonia aún no concluye',
    malformed_tally: 'el recuento cifrado está mal formado',
    tally_mismatch: 'el recuento cifrado no es la suma de las papeletas del tablón',
    malformed_board: 'el tablón está mal formado',
    broken_chain: 'la cadena de hashes del tablón está rota',
  },
  en: {
    malformed_ceremony: 'the server sent a malformed ceremony state',
    context_mismatch: 'the server\'s ceremony context is not this election\'s',
    bad_trustee_key: 'a trustee\'s posted key does not verify',
    malformed_manifest: 'the manifest is malformed',
    hash_mismatch: 'the manifest hash does not match',
    wrong_election: 'the manifest is another election\'s',
    not_a_trustee: 'the signed-in account is not a trustee of this election',
    wrong_keyfile: 'the key file is not this trustee\'s or this ceremony\'s',
    keys_missing: 'other trustees\' keys are missing',
    dealings_missing: 'other trustees\' dealings are missing',
    dealing_mismatch: 'the posted dealing is not the one in the key file',
    own_share_missing: 'the key file holds no dealing of its own (run deal)',
    share_missing: 'a share from a qualified dealer is missing',
    share_mismatch: 'the secret share does not match the published verification key',
    ceremony_incomplete: 'the ceremony is not over yet',
    malformed_tally: 'the encrypted tally is malformed',
    tally_mismatch: 'the encrypted tally is not the sum of the ballots on the board',
    malformed_board: 'the board is malformed',
    broken_chain: 'the board\'s hash chain is broken',
  },
});

/** Why a key file did not open, as a sentence. */
export const KEYFILE_FAILURES: Readonly<Record<Lang, Readonly<Record<KeyfileFailure, string>>>> = Object.freeze({
  es: {
    malformed: 'El archivo de claves está dañado o no es un archivo de claves de Ánfora.',
    unsupported_parameters: 'El archivo de claves usa parámetros no admitidos.',
    wrong_passphrase: 'La frase de paso no es correcta.',
    tampered: 'El archivo de claves fue modificado: no se puede abrir.',
  },
  en: {
    malformed: 'The key file is damaged or is not an Ánfora key file.',
    unsupported_parameters: 'The key file uses unsupported parameters.',
    wrong_passphrase: 'The passphrase is not correct.',
    tampered: 'The key file was modified: it cannot be opened.',
  },
});
