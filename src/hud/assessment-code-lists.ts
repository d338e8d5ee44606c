/**
 * The code lists and the sources of the stage-based program-specific elements (4.02–4.11), as HUD's FY2026 CSV
 * names and labels them (reference `hud-psde-rules.md` §2.1–§2.5, `hud-csv-files.md` IncomeBenefits, HealthAndDV,
 * Disabilities). Each source's keys are the camelCase of its CSV columns.
 */
import type { CodeList } from './code-lists.js';

/** 4.02.3–4.02.17: each source of income, with its monthly amount. */
export const INCOME_SOURCES = [
  { flag: 'earned', amount: 'earnedAmount', label: 'Earned income (i.e., employment income)' },
  { flag: 'unemployment', amount: 'unemploymentAmount', label: 'Unemployment Insurance' },
  { flag: 'ssi', amount: 'ssiAmount', label: 'Supplemental Security Income (SSI)' },
  { flag: 'ssdi', amount: 'ssdiAmount', label: 'Social Security Disability Insurance (SSDI)' },
  { flag: 'vaDisabilityService', amount: 'vaDisabilityServiceAmount', label: 'VA Service-Connected Disability Compensation' },
  { flag: 'vaDisabilityNonService', amount: 'vaDisabilityNonServiceAmount', label: 'VA Non-Service-Connected Disability Pension' },
  { flag: 'privateDisability', amount: 'privateDisabilityAmount', label: 'Private disability insurance' },
  { flag: 'workersComp', amount: 'workersCompAmount', label: 'Worker’s Compensation' },
  { flag: 'tanf', amount: 'tanfAmount', label: 'Temporary Assistance for Needy Families (TANF)' },
  { flag: 'ga', amount: 'gaAmount', label: 'General Assistance (GA)' },
  { flag: 'socSecRetirement', amount: 'socSecRetirementAmount', label: 'Retirement Income from Social Security' },
  { flag: 'pension', amount: 'pensionAmount', label: 'Pension or retirement income from a former job' },
  { flag: 'childSupport', amount: 'childSupportAmount', label: 'Child support' },
  { flag: 'alimony', amount: 'alimonyAmount', label: 'Alimony and other spousal support' },
  { flag: 'otherIncomeSource', amount: 'otherIncomeAmount', label: 'Other source' },
] as const;

/** 4.03.3–4.03.8: non-cash benefits. */
export const BENEFIT_SOURCES = [
  { flag: 'snap', label: 'Supplemental Nutrition Assistance Program (SNAP)' },
  { flag: 'wic', label: 'Special Supplemental Nutrition Program for Women, Infants, and Children (WIC)' },
  { flag: 'tanfChildCare', label: 'TANF Child Care services' },
  { flag: 'tanfTransportation', label: 'TANF transportation services' },
  { flag: 'otherTanf', label: 'Other TANF-funded services' },
  { flag: 'otherBenefitsSource', label: 'Other source' },
] as const;

/** 4.04.3–4.04.12: health insurance. */
export const INSURANCE_SOURCES = [
  { flag: 'medicaid', label: 'Medicaid' },
  { flag: 'medicare', label: 'Medicare' },
  { flag: 'schip', label: 'State Children’s Health Insurance Program' },
  { flag: 'vhaServices', label: 'Veteran’s Health Administration (VHA)' },
  { flag: 'employerProvided', label: 'Employer-Provided Health Insurance' },
  { flag: 'cobra', label: 'Health Insurance obtained through COBRA' },
  { flag: 'privatePay', label: 'Private Pay Health Insurance' },
  { flag: 'stateHealthIns', label: 'State Health Insurance for Adults' },
  { flag: 'indianHealthServices', label: 'Indian Health Services Program' },
  { flag: 'otherInsurance', label: 'Other' },
] as const;

export type IncomeFlag = (typeof INCOME_SOURCES)[number]['flag'];
export type IncomeAmount = (typeof INCOME_SOURCES)[number]['amount'];
export type BenefitFlag = (typeof BENEFIT_SOURCES)[number]['flag'];
export type InsuranceFlag = (typeof INSURANCE_SOURCES)[number]['flag'];

/** 1.3 DisabilityType, with the element that asks it. */
export const DISABILITY_TYPES = [
  { type: 5, element: '4.05', label: 'Physical disability' },
  { type: 6, element: '4.06', label: 'Developmental disability' },
  { type: 7, element: '4.07', label: 'Chronic health condition' },
  { type: 8, element: '4.08', label: 'HIV/AIDS' },
  { type: 9, element: '4.09', label: 'Mental health disorder' },
  { type: 10, element: '4.10', label: 'Substance use disorder' },
] as const;

export type DisabilityTypeCode = (typeof DISABILITY_TYPES)[number]['type'];

/** Developmental disability and HIV/AIDS are always disabling: HUD asks no "long-continued …" question. */
export const ALWAYS_DISABLING: ReadonlySet<number> = new Set([6, 8]);

export const INDEFINITE_AND_IMPAIRS_QUESTION =
  'Expected to be of long-continued and indefinite duration and substantially impairs ability to live independently';

/** 4.10.2 DisabilityResponse of substance use disorder. */
export const SUBSTANCE_USE_RESPONSE = {
  0: 'No',
  1: 'Alcohol use disorder',
  2: 'Drug use disorder',
  3: 'Both alcohol and drug use disorders',
  8: "Client doesn't know",
  9: 'Client prefers not to answer',
  99: 'Data not collected',
} as const satisfies CodeList;

/** 4.11.A WhenOccurred. */
export const WHEN_DV_OCCURRED = {
  1: 'Within the past three months',
  2: 'Three to six months ago (excluding six months exactly)',
  3: 'Six months to one year ago (excluding one year exactly)',
  4: 'One year or more',
  8: "Client doesn't know",
  9: 'Client prefers not to answer',
  99: 'Data not collected',
} as const satisfies CodeList;

/** 5.03.1 DataCollectionStage (6 Post-exit is not a stage of these elements). */
export const DATA_COLLECTION_STAGE_LABELS = {
  1: 'Project start',
  2: 'Update',
  3: 'Project exit',
  5: 'Annual assessment',
} as const satisfies CodeList;
