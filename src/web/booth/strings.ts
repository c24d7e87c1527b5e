/**
 * The booth's texts, Spanish first. Plain words: the voters are association officers on
 * ordinary laptops and phones, not cryptographers.
 * @module
 */
import type { Bilingual } from '../lib/i18n.js';
import { BALLOT_TEXTS, type BallotTexts } from './ballot-strings.js';
import { RECEIPT_TEXTS, type ReceiptTexts } from './receipt-strings.js';
import { TOKEN_TEXTS, type TokenTexts } from './token-strings.js';

interface GeneralTexts {
  title: string;
  steps: string;
  stepNames: readonly [string, string, string, string, string];
  stepOf: (n: number, total: number) => string;
  loading: string;
  notOpen: (phase: string) => string;
  badManifest: (detail: string) => string;
  noCrypto: string;
  errorTitle: string;
}

const GENERAL: Bilingual<GeneralTexts> = {
  es: {
    title: 'Cabina de votación',
    steps: 'Pasos',
    stepNames: ['Ficha', 'Elegir', 'Revisar', 'Cifrar', 'Recibo'],
    stepOf: (n, total) => `Paso ${n} de ${total}`,
    loading: 'Cargando la elección…',
    notOpen: (phase) => `La votación no está abierta (fase actual: ${phase}).`,
    badManifest: (d) => `El manifiesto de la elección no es válido y esta página no puede usarlo: ${d}`,
    noCrypto: 'Este navegador no ofrece la criptografía necesaria. Abra la página con https:// y un navegador actualizado.',
    errorTitle: 'Error',
  },
  en: {
    title: 'Voting booth',
    steps: 'Steps',
    stepNames: ['Token', 'Choose', 'Review', 'Encrypt', 'Receipt'],
    stepOf: (n, total) => `Step ${n} of ${total}`,
    loading: 'Loading the election…',
    notOpen: (phase) => `Voting is not open (current phase: ${phase}).`,
    badManifest: (d) => `The election manifest is not valid and this page cannot use it: ${d}`,
    noCrypto: 'This browser lacks the cryptography needed. Open the page over https:// in an up-to-date browser.',
    errorTitle: 'Error',
  },
};

/** Every text of the booth: the page's own, and each screen's (token, ballot, receipt). */
export type BoothTexts = GeneralTexts & TokenTexts & BallotTexts & ReceiptTexts;

export const BOOTH: Bilingual<BoothTexts> = {
  es: { ...GENERAL.es, ...TOKEN_TEXTS.es, ...BALLOT_TEXTS.es, ...RECEIPT_TEXTS.es },
  en: { ...GENERAL.en, ...TOKEN_TEXTS.en, ...BALLOT_TEXTS.en, ...RECEIPT_TEXTS.en },
};
