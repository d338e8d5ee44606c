/**
 * Which program-specific data elements a project collects, from whom and when: HUD's collection rules as one
 * table (FY2026 HMIS Data Dictionary, "Funder: … Project Type Applicability" of each element, as distilled in
 * the reference `hud-psde-rules.md` §3.3).
 *
 * An element is collected for an enrollment when ANY rule matches the project: one of the project's funders
 * (2.06) open on the day in question is among the rule's funders, and the project type (2.02.6) satisfies the
 * rule's types. A project's funders combine: a PSH project funded by CoC and HOPWA collects the union.
 *
 * Where the sources disagree (reference §3.5 and §8), Hearth follows the Data Dictionary, because it is HUD's
 * text and the APR and CAPER count what it requires:
 * - CoC-funded Services Only projects (type 6) collect 4.02–4.11 (the dictionary's "all components except SSO
 *   Coordinated Entry"; Open Path excludes them).
 * - ESG night-by-night shelters collect 4.05–4.10 (the FY2024 text; Open Path does not).
 * - YHDP (43) is a CoC component: its rules are the CoC's (Open Path collects for every project type). For 4.12,
 *   whose YHDP rule depends on the homeless category of the people served, which Hearth does not know, every YHDP
 *   project collects current living situations.
 * - 4.13 date of engagement follows the dictionary's funder rows only.
 * - 4.19 and 4.20 are collected by Coordinated Entry projects (type 14), whatever the funder: the CoC designs
 *   its CE system, and a type-14 project exists to do coordinated entry.
 * Elements of other federal partners only (RHY R*, VA V*, HOPWA W*, PATH P*, CoC C2/C3) are not in this table.
 */

/** The elements this table covers, by their Data Dictionary number. */
export const PROGRAM_ELEMENTS = [
  '4.02',
  '4.03',
  '4.04',
  '4.05',
  '4.06',
  '4.07',
  '4.08',
  '4.09',
  '4.10',
  '4.11',
  '4.12',
  '4.13',
  '4.14',
  '3.20',
  '4.19',
  '4.20',
] as const;
export type ProgramElement = (typeof PROGRAM_ELEMENTS)[number];

/** When a record is collected: HUD's DataCollectionStage (5.03) 1, 2, 5 and 3, or at occurrence. */
export type CollectionPoint = 'start' | 'update' | 'annual' | 'exit';
/** "Data collected about": every member, the head of household and every adult, or the head of household only. */
export type CollectedAbout = 'all' | 'head-and-adults' | 'head';

export interface ElementCollection {
  element: ProgramElement;
  title: string;
  about: CollectedAbout;
  /** The stages of a stage-based element; empty for an element recorded at occurrence. */
  stages: readonly CollectionPoint[];
  /** For an element recorded when it happens: as often as it happens, or at most once per enrollment. */
  occurrence: 'many' | 'once' | null;
}

/** HUD's DataCollectionStage codes (list 5.03.1). */
export const DATA_COLLECTION_STAGE: Readonly<Record<CollectionPoint, number>> = { start: 1, update: 2, exit: 3, annual: 5 };

const STAGES_ALL: readonly CollectionPoint[] = ['start', 'update', 'annual', 'exit'];
const STAGES_NO_ANNUAL: readonly CollectionPoint[] = ['start', 'update', 'exit'];

/** Who, when and how often, per element (reference §2 and §3.4). */
export const ELEMENTS: Readonly<Record<ProgramElement, ElementCollection>> = {
  '4.02': { element: '4.02', title: 'Income and sources', about: 'head-and-adults', stages: STAGES_ALL, occurrence: null },
  '4.03': { element: '4.03', title: 'Non-cash benefits', about: 'head-and-adults', stages: STAGES_ALL, occurrence: null },
  '4.04': { element: '4.04', title: 'Health insurance', about: 'all', stages: STAGES_ALL, occurrence: null },
  '4.05': { element: '4.05', title: 'Physical disability', about: 'all', stages: STAGES_NO_ANNUAL, occurrence: null },
  '4.06': { element: '4.06', title: 'Developmental disability', about: 'all', stages: STAGES_NO_ANNUAL, occurrence: null },
  '4.07': { element: '4.07', title: 'Chronic health condition', about: 'all', stages: STAGES_NO_ANNUAL, occurrence: null },
  '4.08': { element: '4.08', title: 'HIV/AIDS', about: 'all', stages: STAGES_NO_ANNUAL, occurrence: null },
  '4.09': { element: '4.09', title: 'Mental health disorder', about: 'all', stages: STAGES_NO_ANNUAL, occurrence: null },
  '4.10': { element: '4.10', title: 'Substance use disorder', about: 'all', stages: STAGES_NO_ANNUAL, occurrence: null },
  '4.11': { element: '4.11', title: 'Domestic violence', about: 'head-and-adults', stages: ['start', 'update'], occurrence: null },
  '4.12': { element: '4.12', title: 'Current living situation', about: 'head-and-adults', stages: [], occurrence: 'many' },
  '4.13': { element: '4.13', title: 'Date of engagement', about: 'head-and-adults', stages: [], occurrence: 'once' },
  '4.14': { element: '4.14', title: 'Bed-night date', about: 'all', stages: [], occurrence: 'many' },
  '3.20': { element: '3.20', title: 'Housing move-in date', about: 'head', stages: [], occurrence: 'once' },
  '4.19': { element: '4.19', title: 'Coordinated entry assessment', about: 'head', stages: [], occurrence: 'many' },
  '4.20': { element: '4.20', title: 'Coordinated entry event', about: 'head', stages: [], occurrence: 'many' },
};

/** 2.06.1 funder codes, grouped as the Data Dictionary names its programs (reference §3.1). */
export const FUNDER_GROUPS = {
  /** HUD CoC: HP, PSH, RRH, SSO, TH, SH, SRO, YHDP, Joint TH/RRH, CoC Builds. */
  COC: [1, 2, 3, 4, 5, 6, 7, 43, 44, 56],
  /** HUD ESG: ES, HP, RRH, SO (ESG-RUSH is its own program, 53). */
  ESG: [8, 9, 10, 11],
  HOPWA: [13, 14, 15, 16, 17, 18, 19],
  RHY: [22, 23, 24, 25, 26],
  /** VA Grant Per Diem: Bridge Housing … Transition in Place, Case Management/Housing Retention. */
  GPD: [37, 38, 39, 40, 41, 42, 45],
} as const;

const PERMANENT_HOUSING = [3, 9, 10, 13];
const ANY = null;

/** A "collection required when" clause: one of these funders, and a project type in `types` and not in `notTypes`. */
interface Rule {
  /** 'any': whatever funds the project (and also a project with no funder recorded). */
  funders: readonly number[] | 'any';
  types?: readonly number[] | null;
  notTypes?: readonly number[];
}

const { COC, ESG, HOPWA, RHY, GPD } = FUNDER_GROUPS;

/** 4.02 income, the base of 4.03 and 4.04 (which differ only in their RHY programs). */
const INCOME_RULES: readonly Rule[] = [
  { funders: COC, notTypes: [14] },
  { funders: [56], types: ANY },
  { funders: ESG, notTypes: [1] },
  { funders: [53], notTypes: [0, 1, 4] },
  { funders: [...HOPWA, 21, ...GPD, 30, 27, 20], types: ANY },
  { funders: [54, 55], notTypes: [14] },
  { funders: [35], types: PERMANENT_HOUSING },
  { funders: [33], types: [12, 13] },
];

/** 4.05–4.10, before the HIV/AIDS exceptions. HUD-VASH, VA GPD, CRS and CSH no longer collect them in FY2026. */
const DISABILITY_RULES: readonly Rule[] = [
  { funders: COC, notTypes: [14] },
  { funders: [56], types: ANY },
  { funders: ESG, types: ANY },
  { funders: [53], notTypes: [0, 1, 4] },
  { funders: [54, 55], notTypes: [14] },
  { funders: [35], types: PERMANENT_HOUSING },
];

const RULES: Readonly<Record<ProgramElement, readonly Rule[]>> = {
  '4.02': [...INCOME_RULES, { funders: [23, 24, 26], types: ANY }],
  '4.03': [...INCOME_RULES, { funders: [22, 23, 24, 26], types: ANY }],
  '4.04': [...INCOME_RULES, { funders: RHY, types: ANY }],
  '4.05': [...DISABILITY_RULES, { funders: [...HOPWA, 21, ...RHY], types: ANY }],
  '4.06': [...DISABILITY_RULES, { funders: [...HOPWA, 21, ...RHY], types: ANY }],
  '4.07': [...DISABILITY_RULES, { funders: [...HOPWA, 21, ...RHY], types: ANY }],
  '4.08': [...DISABILITY_RULES, { funders: HOPWA, types: ANY }],
  '4.09': [...DISABILITY_RULES, { funders: [...HOPWA, 21, ...RHY], types: ANY }],
  '4.10': [...DISABILITY_RULES, { funders: [...HOPWA, 21, ...RHY], types: ANY }],
  '4.11': [
    { funders: COC, notTypes: [14] },
    { funders: [56, ...ESG, ...HOPWA, 20, 21, ...GPD, 30, 27], types: ANY },
    { funders: [53], notTypes: [0, 1, 4] },
    { funders: [54, 55], notTypes: [14] },
    { funders: [35], types: PERMANENT_HOUSING },
    { funders: [33], types: [12, 13] },
  ],
  '4.12': [
    { funders: [4], types: [4, 14] },
    { funders: [43, 11, 21, 25], types: ANY },
    { funders: [8], types: [1] },
    { funders: [53], types: [1, 4, 14] },
    { funders: [54, 55], types: [4, 14] },
  ],
  '4.13': [
    { funders: COC, types: [4] },
    { funders: ESG, types: [1, 4] },
    { funders: [54, 55], types: [4] },
    { funders: [21, 25], types: ANY },
  ],
  '4.14': [{ funders: 'any', types: [1] }],
  '3.20': [{ funders: 'any', types: PERMANENT_HOUSING }, { funders: [35, 45], types: ANY }],
  '4.19': [{ funders: 'any', types: [14] }],
  '4.20': [{ funders: 'any', types: [14] }],
};

/** The project as the rules see it: its type and the 2.06 funder codes open on the day in question. */
export interface CollectingProject {
  projectType: number | null;
  funders: readonly number[];
}

function matches(rule: Rule, project: CollectingProject): boolean {
  const funders = rule.funders;
  if (funders !== 'any' && !project.funders.some((code) => funders.includes(code))) return false;
  const type = project.projectType;
  if (rule.types && (type === null || !rule.types.includes(type))) return false;
  if (rule.notTypes && type !== null && rule.notTypes.includes(type)) return false;
  return true;
}

/** Whether the project collects this element (for its funders open on the day in question). */
export function collects(project: CollectingProject, element: ProgramElement): boolean {
  return RULES[element].some((rule) => matches(rule, project));
}

/** Every element the project collects, in the table's order. */
export function elementsCollectedBy(project: CollectingProject): ElementCollection[] {
  return PROGRAM_ELEMENTS.filter((element) => collects(project, element)).map((element) => ELEMENTS[element]);
}

/** The elements collected at one stage (start, update, annual, exit) by this project. */
export function elementsAtStage(project: CollectingProject, stage: CollectionPoint): ElementCollection[] {
  return elementsCollectedBy(project).filter((collection) => collection.stages.includes(stage));
}

/**
 * Whether an element is asked of one household member: `adult` is 18 or over at the stage's information date
 * (unknown age counts as adult, as HUD's data-quality rules do).
 */
export function isAskedOf(collection: Pick<ElementCollection, 'about'>, member: { isHead: boolean; adult: boolean | null }): boolean {
  if (collection.about === 'all') return true;
  if (collection.about === 'head') return member.isHead;
  return member.isHead || member.adult !== false;
}
