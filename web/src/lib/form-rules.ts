/** Client-side checks for the fields many forms share; messages read "field: problem" like the server's. */
import type { FormRule } from 'antd';
import type { TFunction } from 'i18next';
import { characterClasses, containsAccountName, PASSWORD_MIN_LENGTH } from './password.ts';

/** `accountName` gives the account's e-mail (typed in the same form, or the signed-in user's). */
export function newPasswordRules(t: TFunction, label: string, accountName: () => string | undefined): FormRule[] {
  return [
    { required: true },
    {
      validator: (_rule, value: string | undefined) => {
        if (!value) return Promise.resolve();
        if ([...value].length < PASSWORD_MIN_LENGTH) return Promise.reject(new Error(t('validation.passwordLength', { field: label, min: PASSWORD_MIN_LENGTH })));
        if (characterClasses(value) < 3) return Promise.reject(new Error(t('validation.passwordClasses', { field: label })));
        const account = accountName();
        if (account && containsAccountName(value, account)) return Promise.reject(new Error(t('validation.passwordAccount', { field: label })));
        return Promise.resolve();
      },
    },
  ];
}

/** The confirmation must repeat the field named `of`. */
export function confirmRules(t: TFunction, label: string, of: string): FormRule[] {
  return [
    { required: true },
    ({ getFieldValue }) => ({
      validator: (_rule, value: string | undefined) =>
        !value || value === getFieldValue(of) ? Promise.resolve() : Promise.reject(new Error(t('validation.passwordMismatch', { field: label }))),
    }),
  ];
}

export const MOBILE = /^1\d{10}$/;
export const PHONE = /^(1\d{10}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/;
export const TOTP = /^\d{6}$/;
/** 统一社会信用代码: 18 characters from GB 32100's alphabet (the server checks the check digit). */
export const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

export function patternRule(pattern: RegExp, message: string): FormRule {
  return { pattern, message };
}

/** Drop empty optional strings so the API sees the field as absent, not as "". */
export function withoutEmpty<T extends Record<string, unknown>>(values: T): T {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== '' && value !== undefined && value !== null)) as T;
}
