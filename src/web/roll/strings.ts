/**
 * The roll page's texts (Spanish first; English has every key of the Spanish).
 * @module
 */
import type { Bilingual } from '../lib/i18n.js';

export interface RollTexts {
  title: string;
  lead: string;
  loading: string;
  frozen: (hash: string) => string;
  provisional: string;
  count: (n: string) => string;
  name: string;
  region: string;
  position: string;
  empty: string;
  smallRoll: string;
}

export const ROLL: Bilingual<RollTexts> = {
  es: {
    title: 'Padrón electoral',
    lead: 'Las asociaciones habilitadas para votar en cada contienda.',
    loading: 'Cargando el padrón…',
    frozen: (hash) => `Este es el padrón publicado en el manifiesto al abrir la votación; ya no cambia. Huella del manifiesto: ${hash}`,
    provisional: 'La votación aún no se abre: este es el padrón de acreditadas hasta ahora. Queda fijo en el manifiesto al abrir la votación.',
    count: (n) => `${n} asociaciones`,
    name: 'Asociación', region: 'Región', position: 'N.º',
    empty: 'Ninguna asociación está acreditada en esta contienda.',
    smallRoll: 'Padrón pequeño: el comité dejó constancia de que con tan pocas asociaciones los conteos publicados pueden revelar cómo votaron.',
  },
  en: {
    title: 'Electoral roll',
    lead: 'The associations entitled to vote in each contest.',
    loading: 'Loading the roll…',
    frozen: (hash) => `This is the roll published in the manifest when voting opened; it no longer changes. Manifest fingerprint: ${hash}`,
    provisional: 'Voting has not opened yet: this is the roll of accredited associations so far. It is fixed in the manifest when voting opens.',
    count: (n) => `${n} associations`,
    name: 'Association', region: 'Region', position: 'No.',
    empty: 'No association is accredited in this contest.',
    smallRoll: 'Small roll: the committee recorded that with so few associations the published counts may reveal how they voted.',
  },
};
