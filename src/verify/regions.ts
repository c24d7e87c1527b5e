/**
 * Peru's regions as people write them. Manifests and the API carry region ids
 * (`madre_de_dios`); reports and pages show names (Madre de Dios), the same in both
 * languages. Its own module, without dependencies, so that a page that only names regions
 * does not load the HTML report with it. Browser-safe.
 * @module
 */

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
