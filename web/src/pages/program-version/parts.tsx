/** Small pieces the designer's tabs share: citations, labelled values, enum labels, money inputs. */
import type { ReactNode } from 'react';
import { InputNumber, Tooltip, Typography } from 'antd';
import { CloseCircleFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { fenToWan, wanToFen } from '../../lib/money.ts';
import type { Definition, Update } from './model.ts';

/** What every tab receives: the definition shown, whether it may change, and how to change it. */
export interface TabProps {
  definition: Definition;
  editable: boolean;
  update: Update;
  /** Problems of the saved draft (empty for a published version). */
  problems: readonly { path: string; message: string; ruleId?: string | undefined }[];
}

export { Citation, Text2 } from '../../components/Citation.tsx';

/** A label for one value of an enumeration, from `programs.enums.<group>` in the locale files. */
export function useEnumLabel() {
  const { t } = useTranslation();
  const groups = t('programs.enums', { returnObjects: true }) as unknown as Record<string, Record<string, string> | undefined>;
  return (group: EnumGroup, value: string | undefined | null): string => (value ? (groups[group]?.[value] ?? value) : '—');
}
export type EnumGroup =
  | 'ruleKind'
  | 'severity'
  | 'outcome'
  | 'stageType'
  | 'fieldType'
  | 'deadlineKind'
  | 'dayUnit'
  | 'noticeStart'
  | 'subsidyKind'
  | 'trigger'
  | 'budgetYear'
  | 'awardForm'
  | 'recurrence'
  | 'changeKind'
  | 'aggregation';

/** Problems whose path starts with `prefix`, shown as a red mark with the reasons on hover. */
export function ProblemMark({ problems, prefix }: { problems: TabProps['problems']; prefix: string }) {
  const mine = problems.filter((p) => p.path === prefix || p.path.startsWith(`${prefix}.`));
  if (mine.length === 0) return null;
  return (
    <Tooltip title={mine.map((p) => p.message).join('；')}>
      <CloseCircleFilled className="problem-mark" aria-label={mine.map((p) => p.message).join('；')} />
    </Tooltip>
  );
}

/** Money typed in 万元 and kept in fen. */
export function WanInput({ value, onChange, id, disabled }: { value: number | undefined; onChange: (fen: number | undefined) => void; id?: string; disabled?: boolean }) {
  const { t } = useTranslation();
  return (
    <InputNumber<number>
      id={id}
      min={0}
      step={10}
      disabled={disabled}
      className="number-input"
      value={value === undefined ? null : fenToWan(value)}
      onChange={(wan) => onChange(typeof wan === 'number' ? wanToFen(wan) : undefined)}
      suffix={t('programs.units.wan')}
    />
  );
}

/** A titled block inside a tab. */
export function Block({ title, extra, children }: { title: ReactNode; extra?: ReactNode; children: ReactNode }) {
  return (
    <section className="designer-block">
      <div className="designer-block-head">
        <Typography.Title level={5} className="designer-block-title">
          {title}
        </Typography.Title>
        {extra ? <div>{extra}</div> : null}
      </div>
      {children}
    </section>
  );
}
