/**
 * Peru's regions as people write them: the API and the manifest carry ids
 * (`madre_de_dios`); pages show names (Madre de Dios), the same in both languages. The
 * list is the verifier's (its HTML report names regions too), so that a page and the
 * report it offers name a region alike.
 * @module
 */
export { regionName } from '../../verify/regions.js';
