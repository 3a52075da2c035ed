/**
 * Inputs that hold a value in the shape the API stores it, so a form's values are the request body
 * as they are: money as integer fen (typed in 万元 or 元), dates as ISO strings (YYYY-MM-DD), yes/no
 * as booleans that start unanswered.
 */
import { DatePicker, InputNumber, Radio, TimePicker } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { fenToUnit, unitToFen } from '../lib/money.ts';

interface ValueProps<T> {
  value?: T;
  onChange?: (value: T) => void;
  id?: string;
  disabled?: boolean;
  onBlur?: () => void;
}

/** Money kept in fen, typed in the field's unit: 万元 (six decimals, to the fen) or 元 (two). */
export function MoneyInput({ value, onChange, id, disabled, onBlur, unit, min, allowNegative = false }: ValueProps<number | undefined> & { unit?: string; min?: number; allowNegative?: boolean }) {
  const { t } = useTranslation();
  const wan = unit === '万元';
  return (
    <InputNumber<number>
      id={id}
      disabled={disabled}
      onBlur={onBlur}
      className="money-input"
      min={min ?? (allowNegative ? undefined : 0)}
      precision={wan ? undefined : 2}
      step={wan ? 1 : 100}
      value={typeof value === 'number' ? fenToUnit(value, unit) : null}
      onChange={(amount) => onChange?.(typeof amount === 'number' && Number.isFinite(amount) ? unitToFen(amount, unit) : undefined)}
      suffix={wan ? t('units.wan') : t('units.yuan')}
      inputMode="decimal"
    />
  );
}

/** A date as an ISO string ('' when cleared). */
export function DateInput({ value, onChange, id, disabled, onBlur }: ValueProps<string | undefined>) {
  const parsed = value ? dayjs(value, 'YYYY-MM-DD', true) : null;
  return (
    <DatePicker
      id={id}
      disabled={disabled}
      onBlur={onBlur}
      className="date-input"
      value={parsed?.isValid() ? parsed : null}
      onChange={(date) => onChange?.(date ? date.format('YYYY-MM-DD') : '')}
    />
  );
}

/** 是 / 否, unanswered until chosen (a required declaration must be chosen, not defaulted). */
export function YesNoInput({ value, onChange, id, disabled }: ValueProps<boolean | undefined>) {
  const { t } = useTranslation();
  return (
    <Radio.Group
      id={id}
      disabled={disabled}
      value={typeof value === 'boolean' ? value : undefined}
      onChange={(event) => onChange?.(event.target.value as boolean)}
      options={[
        { value: true, label: t('common.yes') },
        { value: false, label: t('common.no') },
      ]}
    />
  );
}

/** A time of day as "HH:mm" (Asia/Shanghai wall-clock time). */
export function TimeInput({ value, onChange, id, disabled }: ValueProps<string | undefined>) {
  const parsed = value ? dayjs(`2000-01-01T${value}`) : null;
  return (
    <TimePicker
      id={id}
      disabled={disabled}
      format="HH:mm"
      minuteStep={5}
      needConfirm={false}
      className="time-input"
      value={parsed?.isValid() ? parsed : null}
      onChange={(time) => onChange?.(time ? time.format('HH:mm') : '')}
    />
  );
}
