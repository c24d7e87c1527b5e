/**
 * The model election's cast, all fictional: the committee, the associations of each
 * constituency spread over Peru's regions, and the candidates with their region and statement.
 * @module
 */
import { REGIONS, type TemplateConstituency } from '../domain/reference.js';
import { regionName } from '../record/labels.js';

export const ELECTION_TITLE = 'Elección de representantes de la sociedad civil ante la CONAMUSA 2026';

export const CONTESTS: { constituency: TemplateConstituency; title: string; seats: number }[] = [
  { constituency: 'plwha', title: 'Personas que viven con VIH', seats: 2 },
  { constituency: 'tb', title: 'Personas afectadas por tuberculosis', seats: 1 },
  { constituency: 'malaria', title: 'Personas afectadas por malaria', seats: 1 },
  { constituency: 'sex_workers', title: 'Trabajadoras sexuales', seats: 1 },
  { constituency: 'gay_men', title: 'Hombres gay y HSH', seats: 1 },
  { constituency: 'transgender', title: 'Personas trans', seats: 1 },
];

/** Applicants per constituency; PLWHA: 69 apply, 4 are rejected, 1 wins its appeal → 66. */
export const APPLICANTS: Record<TemplateConstituency, number> = { plwha: 69, tb: 8, malaria: 5, sex_workers: 6, gay_men: 6, transgender: 6 };

export const COMMITTEE = [
  { fullName: 'Dra. Rosa Quispe Mamani', sector: 'government', organisation: 'Ministerio de Salud (MINSA)', role: 'chair' },
  { fullName: 'Carlos Huamán Ríos', sector: 'civil_society', organisation: 'Red Peruana de Personas que Viven con VIH', role: 'vice_chair' },
  { fullName: 'Ana Torres Vidal', sector: 'international_cooperation', organisation: 'Agencia de Cooperación Internacional', role: 'member' },
] as const;

const FIRST = ['Asociación', 'Red', 'Colectivo', 'Movimiento', 'Centro', 'Grupo', 'Frente', 'Comunidad', 'Alianza', 'Unión', 'Círculo'];
const SECOND = ['Esperanza', 'Vida Nueva', 'Sol Naciente', 'Arco Iris', 'Nuevo Amanecer', 'Manos Unidas', 'Positivo', 'Solidaridad',
  'Renacer', 'Dignidad', 'Luz y Vida', 'Horizonte', 'Fortaleza'];
const SUFFIX: Record<TemplateConstituency, string> = {
  plwha: 'de Personas que Viven con VIH', tb: 'de Afectados por TB', malaria: 'contra la Malaria',
  sex_workers: 'de Trabajadoras Sexuales', gay_men: 'Gay', transgender: 'Trans',
};

export interface DemoAssociation {
  legalName: string;
  registrationNumber: string;
  region: (typeof REGIONS)[number];
  constituency: TemplateConstituency;
}

export function associations(): DemoAssociation[] {
  const out: DemoAssociation[] = [];
  let k = 0;
  for (const [c, n] of Object.entries(APPLICANTS) as [TemplateConstituency, number][]) {
    for (let i = 0; i < n; i++, k++) {
      const region = REGIONS[(i * 7 + k) % REGIONS.length]!;
      out.push({
        legalName: `${FIRST[k % FIRST.length]} ${SECOND[(k * 5 + i) % SECOND.length]} ${SUFFIX[c]} de ${regionName(region)}`,
        registrationNumber: `RP-${c.toUpperCase()}-${String(1000 + i)}`, region, constituency: c,
      });
    }
  }
  return out;
}

/**
 * A nominee as its association puts it forward: `region` is free text as associations write
 * it (the portal asks for it, not a code), `statement` a short campaign statement in Spanish.
 */
export interface DemoCandidate { fullName: string; employer: string; implementsGlobalFund?: boolean; region: string; statement: string }

export const CANDIDATES: Record<TemplateConstituency, DemoCandidate[]> = {
  plwha: [
    { fullName: 'María Condori Apaza', employer: 'Asociación de base', region: 'Puno',
      statement: 'Que el tratamiento antirretroviral llegue sin cortes a las provincias altoandinas.' },
    { fullName: 'José Mamani Quispe', employer: 'Red regional de PVV', region: 'Cusco',
      statement: 'Llevaré a la CONAMUSA la voz de las redes regionales y rendiré cuentas cada trimestre.' },
    { fullName: 'Lucía Ramos Flores', employer: 'Colectivo comunitario', region: 'Lima Metropolitana',
      statement: 'Menos estigma en los servicios de salud y consejería entre pares en cada hospital.' },
    { fullName: 'Rosa Huanca Ticona', employer: 'Trabajadora independiente', region: 'Arequipa',
      statement: 'Prioridad para las mujeres que viven con VIH y sus hijos: prevención de la transmisión vertical.' },
    { fullName: 'Jorge Vargas León', employer: 'Socio Principal del Fondo Mundial', implementsGlobalFund: true, region: 'Lima Metropolitana',
      statement: 'Experiencia en la gestión de subvenciones al servicio de la comunidad.' },
  ],
  tb: [
    { fullName: 'Pedro Salazar Cruz', employer: 'Asociación de base', region: 'Callao',
      statement: 'Apoyo nutricional y de transporte para que nadie abandone su tratamiento.' },
    { fullName: 'Elena Quispe Rojas', employer: 'Comunidad', region: 'Lima Norte',
      statement: 'Detección temprana en los barrios y trato digno para las personas con TB resistente.' },
  ],
  malaria: [
    { fullName: 'Juan Ahuanari Pinedo', employer: 'Asociación amazónica', region: 'Loreto',
      statement: 'Diagnóstico y tratamiento en las comunidades ribereñas, en su propia lengua.' },
    { fullName: 'Carmen Tuesta Ríos', employer: 'Comunidad nativa', region: 'San Martín',
      statement: 'Mosquiteros y promotores de salud en cada comunidad nativa.' },
  ],
  sex_workers: [
    { fullName: 'Ángela Paredes', employer: 'Colectivo', region: 'Lima Metropolitana',
      statement: 'Servicios de salud sin discriminación y sin pedir documentos que nos expongan.' },
    { fullName: 'Miluska Soto', employer: 'Asociación', region: 'Piura',
      statement: 'Que las trabajadoras sexuales de las regiones participen en las decisiones.' },
  ],
  gay_men: [
    { fullName: 'Luis Alarcón', employer: 'Colectivo', region: 'La Libertad',
      statement: 'Acceso a la PrEP en todas las regiones, no solo en Lima.' },
    { fullName: 'Diego Rivas', employer: 'Asociación', region: 'Lambayeque',
      statement: 'Campañas de prueba rápida con pares y resultados confidenciales.' },
  ],
  transgender: [
    { fullName: 'Valeria Ccori', employer: 'Colectivo', region: 'Cusco',
      statement: 'Atención de salud con nuestro nombre social y personal capacitado.' },
    { fullName: 'Gianna Pacheco', employer: 'Asociación', region: 'Lima Metropolitana',
      statement: 'Que las mujeres trans tengan voz propia y presupuesto en la respuesta al VIH.' },
  ],
};
