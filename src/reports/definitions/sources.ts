/**
 * The income, benefit and insurance sources of 4.02–4.04 in the order HUD's tables list them (§1.11), with the
 * IncomeBenefits columns they are stored in and the labels of the tables.
 */
export const INCOME_SOURCES = [
  { column: 'earned', amount: 'earned_amount', label: 'Earned Income' },
  { column: 'unemployment', amount: 'unemployment_amount', label: 'Unemployment Insurance' },
  { column: 'ssi', amount: 'ssi_amount', label: 'Supplemental Security Income (SSI)' },
  { column: 'ssdi', amount: 'ssdi_amount', label: 'Social Security Disability Insurance (SSDI)' },
  { column: 'va_disability_service', amount: 'va_disability_service_amount', label: 'VA Service - Connected Disability Compensation' },
  { column: 'va_disability_non_service', amount: 'va_disability_non_service_amount', label: 'VA Non-Service Connected Disability Pension' },
  { column: 'private_disability', amount: 'private_disability_amount', label: 'Private Disability Insurance' },
  { column: 'workers_comp', amount: 'workers_comp_amount', label: "Worker's Compensation" },
  { column: 'tanf', amount: 'tanf_amount', label: 'Temporary Assistance for Needy Families (TANF)' },
  { column: 'ga', amount: 'ga_amount', label: 'General Assistance (GA)' },
  { column: 'soc_sec_retirement', amount: 'soc_sec_retirement_amount', label: 'Retirement Income from Social Security' },
  { column: 'pension', amount: 'pension_amount', label: 'Pension or retirement income from a former job' },
  { column: 'child_support', amount: 'child_support_amount', label: 'Child Support' },
  { column: 'alimony', amount: 'alimony_amount', label: 'Alimony and other spousal support' },
  { column: 'other_income_source', amount: 'other_income_amount', label: 'Other Source' },
] as const;

export const BENEFIT_SOURCES = [
  { column: 'snap', label: 'Supplemental Nutrition Assistance Program (SNAP) (Previously known as Food Stamps)' },
  { column: 'wic', label: 'Special Supplemental Nutrition Program for Women, Infants, and Children (WIC)' },
  { column: 'tanf_child_care', label: 'TANF Child Care Services' },
  { column: 'tanf_transportation', label: 'TANF Transportation Services' },
  { column: 'other_tanf', label: 'Other TANF-Funded Services' },
  { column: 'other_benefits_source', label: 'Other Source' },
] as const;

export const INSURANCE_SOURCES = [
  { column: 'medicaid', label: 'MEDICAID' },
  { column: 'medicare', label: 'MEDICARE' },
  { column: 'schip', label: "State Children's Health Insurance Program" },
  { column: 'vha_services', label: 'Veteran’s Health Administration (VHA)' },
  { column: 'employer_provided', label: 'Employer - Provided Health Insurances' },
  { column: 'cobra', label: 'Health Insurance obtained through COBRA' },
  { column: 'private_pay', label: 'Private Pay Health Insurance' },
  { column: 'state_health_ins', label: 'State Health Insurance for Adults' },
  { column: 'indian_health_services', label: 'Indian Health Services Program' },
  { column: 'other_insurance', label: 'Other' },
] as const;
