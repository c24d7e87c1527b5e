/**
 * Names people read for the ids the API and the record carry: phases (es/en) and Peru's
 * regions (the same in both languages). One place for the server's messages, the pages,
 * the reports and the demo. No dependencies, browser-safe.
 * @module
 */

/** Phase names as shown to people, per language. */
export const PHASE_LABELS: { readonly es: Readonly<Record<string, string>>; readonly en: Readonly<Record<string, string>> } = {
  es: {
    draft: 'borrador', accreditation: 'acreditación', nominations: 'candidaturas', key_ceremony: 'ceremonia de claves',
    tokens: 'entrega de fichas', voting: 'votación', closed: 'votación cerrada', tallied: 'escrutada', published: 'resultados publicados',
  },
  en: {
    draft: 'draft', accreditation: 'accreditation', nominations: 'nominations', key_ceremony: 'key ceremony',
    tokens: 'token window', voting: 'voting', closed: 'voting closed', tallied: 'tallied', published: 'results published',
  },
};

const REGIONS: Readonly<Record<string, string>> = {
  amazonas: 'Amazonas', ancash: 'Áncash', apurimac: 'Apurímac', arequipa: 'Arequipa', ayacucho: 'Ayacucho',
  cajamarca: 'Cajamarca', callao: 'Callao', cusco: 'Cusco', huancavelica: 'Huancavelica', huanuco: 'Huánuco', ica: 'Ica',
  junin: 'Junín', la_libertad: 'La Libertad', lambayeque: 'Lambayeque', lima_metropolitana: 'Lima Metropolitana',
  lima_provincias: 'Lima Provincias', loreto: 'Loreto', madre_de_dios: 'Madre de Dios', moquegua: 'Moquegua', pasco: 'Pasco',
  piura: 'Piura', puno: 'Puno', san_martin: 'San Martín', tacna: 'Tacna', tumbes: 'Tumbes', ucayali: 'Ucayali',
};

/**
 * A region's name; an id the list does not know is shown as it is.
 * @example regionName('madre_de_dios') // 'Madre de Dios'
 */
export function regionName(id: string): string {
  return Object.hasOwn(REGIONS, id) ? REGIONS[id]! : id;
}
