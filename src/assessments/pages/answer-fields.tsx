import {
  ALWAYS_DISABLING,
  BENEFIT_SOURCES,
  DISABILITY_TYPES,
  INCOME_SOURCES,
  INDEFINITE_AND_IMPAIRS_QUESTION,
  INSURANCE_SOURCES,
  SUBSTANCE_USE_RESPONSE,
  WHEN_DV_OCCURRED,
} from '../../hud/assessment-code-lists.js';
import { label, NO_YES_REASONS_FOR_MISSING_DATA } from '../../hud/code-lists.js';
import { clientName } from '../../clients/client-name.js';
import { CheckboxGroupField, choicesOf, RadioField, SelectField, TextField, type FieldErrors } from '../../views/form-kit.js';
import type { MemberAnswersInput, StageMember } from '../assessments.model.js';

const ANSWERS = choicesOf(NO_YES_REASONS_FOR_MISSING_DATA);
const ONLY_IF_YES = 'Only when the answer above is Yes; otherwise leave it empty.';

function text(values: MemberAnswersInput, field: string): string {
  const value = values[field];
  return typeof value === 'string' ? value : '';
}

function list(values: MemberAnswersInput, field: string): string[] {
  const value = values[field];
  return value === undefined ? [] : typeof value === 'string' ? [value] : [...value];
}

/**
 * One member's questions at a stage: only the elements asked of them (the service decides, from HUD's
 * collection table), each with its dependent questions. Without JavaScript every dependent question shows, with
 * a hint saying when it applies; the service clears what does not.
 */
export function MemberAnswerFields(props: { member: StageMember; index: number; values: MemberAnswersInput; errors: FieldErrors; heading?: boolean }) {
  const { member, values, errors } = props;
  const p = `m${props.index}.`;
  const asks = (element: string) => member.elements.includes(element as never);
  const who = [member.isHead ? 'Head of household' : null, member.adult === false ? 'child' : member.adult ? 'adult' : 'age unknown'].filter(Boolean).join(', ');
  return (
    <fieldset class="stack member-answers">
      <legend>
        {clientName(member.client)} <span class="muted">({who})</span>
      </legend>
      <input type="hidden" name={`${p}enrollmentId`} value={member.enrollmentId} />
      {asks('4.02') && (
        <>
          <RadioField name={`${p}incomeFromAnySource`} label="Income from any source (4.02)" inline choices={ANSWERS} value={text(values, 'incomeFromAnySource')} errors={errors[`${p}incomeFromAnySource`]} />
          <fieldset class="stack">
            <legend>Monthly amount by source</legend>
            <p class="hint">Type the monthly amount of each source the client receives; leave the others empty. The total is worked out for you.</p>
            {INCOME_SOURCES.map((source) => (
              <TextField name={`${p}${source.amount}`} label={source.label} inputmode="decimal" value={text(values, source.amount)} errors={errors[`${p}${source.amount}`]} />
            ))}
            <TextField name={`${p}otherIncomeSourceIdentify`} label="Other source: specify" hint="Only with an amount for “Other source”." maxLength={50} value={text(values, 'otherIncomeSourceIdentify')} errors={errors[`${p}otherIncomeSourceIdentify`]} />
          </fieldset>
        </>
      )}
      {asks('4.03') && (
        <>
          <RadioField name={`${p}benefitsFromAnySource`} label="Non-cash benefits from any source (4.03)" inline choices={ANSWERS} value={text(values, 'benefitsFromAnySource')} errors={errors[`${p}benefitsFromAnySource`]} />
          <CheckboxGroupField name={`${p}benefits`} label="Sources of non-cash benefits" hint={ONLY_IF_YES} choices={BENEFIT_SOURCES.map((s) => ({ value: s.flag, label: s.label }))} values={list(values, 'benefits')} errors={errors[`${p}benefits`]} />
          <TextField name={`${p}otherBenefitsSourceIdentify`} label="Other source of non-cash benefits: specify" maxLength={50} value={text(values, 'otherBenefitsSourceIdentify')} errors={errors[`${p}otherBenefitsSourceIdentify`]} />
        </>
      )}
      {asks('4.04') && (
        <>
          <RadioField name={`${p}insuranceFromAnySource`} label="Covered by health insurance (4.04)" inline choices={ANSWERS} value={text(values, 'insuranceFromAnySource')} errors={errors[`${p}insuranceFromAnySource`]} />
          <CheckboxGroupField name={`${p}insurance`} label="Health insurance" hint={ONLY_IF_YES} choices={INSURANCE_SOURCES.map((s) => ({ value: s.flag, label: s.label }))} values={list(values, 'insurance')} errors={errors[`${p}insurance`]} />
          <TextField name={`${p}otherInsuranceIdentify`} label="Other health insurance: specify" maxLength={50} value={text(values, 'otherInsuranceIdentify')} errors={errors[`${p}otherInsuranceIdentify`]} />
        </>
      )}
      {DISABILITY_TYPES.some((d) => asks(d.element)) && (
        <fieldset class="stack">
          <legend>Disabilities (4.05–4.10)</legend>
          <p class="hint">
            Disabling condition (3.08) on the entry data: {label(NO_YES_REASONS_FOR_MISSING_DATA, member.disablingCondition)}. A developmental disability or HIV/AIDS, or any other
            disability that is expected to be long-continued and to impair independent living, makes it Yes: saving such an answer sets it to Yes, and the answer given
            comes back if a correction leaves no such disability.
          </p>
          {DISABILITY_TYPES.filter((d) => asks(d.element)).map((d) => (
            <>
              <SelectField
                name={`${p}disability${d.type}`}
                label={`${d.label} (${d.element})`}
                choices={choicesOf(d.type === 10 ? SUBSTANCE_USE_RESPONSE : NO_YES_REASONS_FOR_MISSING_DATA)}
                value={text(values, `disability${d.type}`)}
                errors={errors[`${p}disability${d.type}`]}
              />
              {!ALWAYS_DISABLING.has(d.type) && (
                <SelectField
                  name={`${p}impairs${d.type}`}
                  label={`${d.label}: ${INDEFINITE_AND_IMPAIRS_QUESTION}`}
                  hint={d.type === 10 ? 'Only when the client has a substance use disorder.' : ONLY_IF_YES}
                  emptyLabel="Not applicable"
                  choices={ANSWERS}
                  value={text(values, `impairs${d.type}`)}
                  errors={errors[`${p}impairs${d.type}`]}
                />
              )}
            </>
          ))}
        </fieldset>
      )}
      {asks('4.11') && (
        <>
          <RadioField name={`${p}domesticViolenceSurvivor`} label="Survivor of domestic violence (4.11)" inline choices={ANSWERS} value={text(values, 'domesticViolenceSurvivor')} errors={errors[`${p}domesticViolenceSurvivor`]} />
          <SelectField name={`${p}whenOccurred`} label="When did the experience occur?" hint={ONLY_IF_YES} emptyLabel="Not applicable" choices={choicesOf(WHEN_DV_OCCURRED)} value={text(values, 'whenOccurred')} errors={errors[`${p}whenOccurred`]} />
          <RadioField name={`${p}currentlyFleeing`} label="Are you currently fleeing?" hint={ONLY_IF_YES} inline choices={ANSWERS} value={text(values, 'currentlyFleeing')} errors={errors[`${p}currentlyFleeing`]} />
        </>
      )}
    </fieldset>
  );
}
