/**
 * Peru's regions as people write them. The API and the manifest carry ids
 * (`madre_de_dios`); pages show names (Madre de Dios), the same in both languages.
 * @module
 */

const NAMES: Record<string, string> = {
  amazonas: 'Amazonas', ancash: 'Áncash', apurimac: 'Apurímac', arequipa: 'Arequipa', ayacucho: 'Ayacucho',
  cajamarca: 'Cajamarca', callao: 'Callao', cusco: 'Cusco', huancavelica: 'Huancavelica', huanuco: 'Huánuco', ica: 'Ica',
  junin: 'Junín', la_libertad: 'La Libertad', lambayeque: 'Lambayeque', lima_metropolitana: 'Lima Metropolitana',
  lima_provincias: 'Lima Provincias', loreto: 'Loreto', madre_de_dios: 'Madre de Dios', moquegua: 'Moquegua', pasco: 'Pasco',
  piura: 'Piura', puno: 'Puno', san_martin: 'San Martín', tacna: 'Tacna', tumbes: 'Tumbes', ucayali: 'Ucayali',
};

/** A region's name; an id the list does not know is shown as it is. */
export function regionName(id: string): string {
  return Object.hasOwn(NAMES, id) ? NAMES[id]! : id;
}
