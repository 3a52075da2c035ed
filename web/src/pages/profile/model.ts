/** The profile form's rules that are not layout: legal-form effects, names of levels and credentials, the body sent. */
import type { ProfileInput } from '../../../../contracts/applicants.ts';
import { CREDENTIALS } from '../../../../src/core/programs/rule-engine.ts';
import type { Language } from '../../i18n.ts';

/** 两化融合 stages: 0 未评估, 1 起步建设, 2 单项覆盖, 3 集成提升, 4 创新突破 (names in the locale files). */
export const INTEGRATION_LEVELS = [0, 1, 2, 3, 4] as const;

/** A credential's name from the domain (src/core/programs/rule-engine.ts CREDENTIALS), or its code. */
export function credentialName(code: string, language: Language): string {
  return CREDENTIALS[code]?.[language] ?? code;
}

export interface LegalFormEffects {
  /** The legal form decides "independent legal person" (a branch never is; the rest usually are). */
  legalPersonFixed: boolean | null;
  /** A legal person keeps its own accounts. */
  accountingFixed: boolean | null;
  /** Only a unit that is not an independent legal person files statistics and pays tax locally (001). */
  showLocalStatistics: boolean;
}

/**
 * What the legal form implies for the other answers: a branch (分支机构) is not an independent legal
 * person; an independent legal person does its own accounting; the "statistics and tax where it is"
 * question only arises for a unit that is not one.
 */
export function legalFormEffects(legalForm: string | undefined, independentLegalPerson: boolean | undefined): LegalFormEffects {
  const legalPersonFixed = legalForm === 'branch' ? false : null;
  const isLegalPerson = legalPersonFixed ?? independentLegalPerson ?? true;
  return {
    legalPersonFixed,
    accountingFixed: isLegalPerson ? true : null,
    showLocalStatistics: !isLegalPerson,
  };
}

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/** The form's values as the API takes them: texts trimmed, optional parts present, codes upper-case. */
export function toProfileInput(values: ProfileInput): ProfileInput {
  const isLegalPerson = values.legalForm === 'branch' ? false : values.independentLegalPerson;
  return {
    ...values,
    name: text(values.name),
    divisionCode: text(values.divisionCode),
    address: text(values.address),
    legalRepresentative: text(values.legalRepresentative),
    industryCode: text(values.industryCode).toUpperCase(),
    independentLegalPerson: isLegalPerson,
    independentAccounting: isLegalPerson ? true : values.independentAccounting,
    localStatisticsAndTax: Boolean(values.localStatisticsAndTax),
    contacts: (values.contacts ?? []).map((c) => ({ name: text(c.name), position: text(c.position), mobile: text(c.mobile), email: text(c.email).toLowerCase() })),
    credentials: (values.credentials ?? []).map((c) => ({ code: c.code, obtainedOn: c.obtainedOn ?? '', note: text(c.note), evidenceIds: c.evidenceIds ?? [] })),
    declarations: { ...values.declarations, lastMajorAccidentDate: values.declarations?.lastMajorAccidentDate ?? '' },
  };
}
