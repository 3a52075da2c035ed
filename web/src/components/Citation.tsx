/** Citations into the source policies and bilingual texts from program definitions, shown the same way everywhere. */
import { Tag, Typography } from 'antd';
import type { Bilingual } from '../../../src/core/programs/definition.ts';
import { useLanguage } from '../i18n.ts';

/** Where in the source text a setting comes from, e.g. "000 第五条（二）". */
export function Citation({ value, hideEmpty = false }: { value: string | undefined | null; hideEmpty?: boolean }) {
  if (!value) return hideEmpty ? null : <Typography.Text type="secondary">—</Typography.Text>;
  return <Tag className="citation-tag">{value}</Tag>;
}

/** A bilingual text in the user's language, with the other language on hover. */
export function Text2({ value }: { value: Bilingual | undefined | null }) {
  const language = useLanguage();
  if (!value) return <Typography.Text type="secondary">—</Typography.Text>;
  const other = language === 'en' ? value['zh-CN'] : value.en;
  return <span title={other}>{value[language] || other}</span>;
}
