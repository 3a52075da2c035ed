/**
 * 名额: how many applications may be recommended — in total, per recommending unit (a table the call
 * fills in when the policy leaves it open: `editable`), and per category. Numbers are edited in
 * place on a draft.
 */
import { Alert, Descriptions, InputNumber, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/QueryState.tsx';
import { useLanguage } from '../../i18n.ts';
import { recommendingUnitsOf, regionName } from '../../lib/regions.ts';
import { optionalNumber, setIn } from './model.ts';
import { Block, Citation, type TabProps } from './parts.tsx';

type Category = { category: string; perCityMax?: number | undefined; totalMax?: number | undefined; lockedAfterEntry?: boolean | undefined; citation: string };
type CityRow = { code: string; name: string; quota: number | undefined };

export function QuotasTab({ definition, editable, update }: TabProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const quotas = definition.quotas ?? {};
  const total = quotas.total;
  const perCity = quotas.perCity;
  const categories = (quotas.perCategory ?? []) as Category[];
  const count = (value: number | undefined) => (value === undefined ? '—' : t('programs.quotas.count', { count: value }));

  const numberBox = (value: number | undefined, onChange: (n: number | undefined) => void, label: string, min = 0) => (
    <InputNumber<number> size="small" min={min} precision={0} className="count-input" aria-label={label} value={value ?? null} onChange={(v) => onChange(optionalNumber(v))} suffix={t('programs.units.items')} />
  );

  // The province's recommending units, then any unit the table names that the platform does not know.
  const table = perCity?.table ?? {};
  const units = recommendingUnitsOf(definition.provinceCode ?? '');
  const cityRows: CityRow[] = [
    ...units.map((u) => ({ code: u.code, name: regionName(u, language), quota: table[u.code] })),
    ...Object.keys(table)
      .filter((code) => !units.some((u) => u.code === code))
      .map((code) => ({ code, name: code, quota: table[code] })),
  ];
  const cityTotal = Object.values(table).reduce((sum, n) => sum + n, 0);
  const tableEditable = editable && Boolean(perCity?.editable);

  const cityColumns: TableColumnsType<CityRow> = [
    { key: 'name', title: t('programs.quotas.unit'), render: (_, row) => row.name },
    { key: 'code', title: t('programs.code'), width: 110, render: (_, row) => <span className="mono">{row.code}</span> },
    {
      key: 'quota',
      title: t('programs.quotas.quota'),
      width: 170,
      render: (_, row) =>
        tableEditable
          ? numberBox(row.quota, (n) => update((d) => setIn(d, ['quotas', 'perCity', 'table', row.code], n)), `${row.name} ${t('programs.quotas.quota')}`)
          : row.quota !== undefined
            ? count(row.quota)
            : perCity?.default !== undefined
              ? t('programs.quotas.defaultValue', { count: perCity.default })
              : '—',
    },
  ];

  const categoryColumns: TableColumnsType<Category> = [
    { key: 'category', title: t('programs.quotas.category'), render: (_, c) => <span className="mono">{c.category}</span> },
    ...(['perCityMax', 'totalMax'] as const).map((key) => ({
      key,
      title: t(`programs.quotas.${key}`),
      width: 170,
      render: (_: unknown, c: Category, index: number) =>
        editable ? numberBox(c[key], (n) => update((d) => setIn(d, ['quotas', 'perCategory', index, key], n)), `${c.category} ${t(`programs.quotas.${key}`)}`) : count(c[key]),
    })),
    { key: 'locked', title: t('programs.quotas.locked'), width: 110, render: (_, c) => (c.lockedAfterEntry ? <Tag>{t('programs.quotas.lockedYes')}</Tag> : '—') },
    { key: 'citation', title: t('programs.citation'), width: 130, render: (_, c) => <Citation value={c.citation} /> },
  ];

  return (
    <>
      <Block title={t('programs.quotas.total')} extra={<Citation value={total?.citation} hideEmpty />}>
        {editable ? (
          <Space size={24} wrap>
            <label className="inline-field">
              <span>{t('programs.quotas.min')}</span>
              {numberBox(total?.min, (n) => update((d) => setIn(d, ['quotas', 'total', 'min'], n)), t('programs.quotas.totalMin'))}
            </label>
            <label className="inline-field">
              <span>{t('programs.quotas.max')}</span>
              {numberBox(total?.max, (n) => update((d) => setIn(d, ['quotas', 'total', 'max'], n)), t('programs.quotas.totalMax'))}
            </label>
          </Space>
        ) : (
          <Descriptions
            size="small"
            column={2}
            items={[
              { key: 'min', label: t('programs.quotas.min'), children: count(total?.min) },
              { key: 'max', label: t('programs.quotas.max'), children: count(total?.max) },
            ]}
          />
        )}
      </Block>

      <Block
        title={t('programs.quotas.perCity')}
        extra={
          perCity ? (
            <Space>
              {perCity.editable ? <Tag color="blue">{t('programs.quotas.setByCall')}</Tag> : <Tag>{t('programs.quotas.fixedByPolicy')}</Tag>}
              <Citation value={perCity.citation} hideEmpty />
            </Space>
          ) : null
        }
      >
        {perCity ? (
          <>
            {perCity.note ? <Alert className="form-alert" type="info" showIcon title={perCity.note} /> : null}
            {editable && !perCity.editable ? <Alert className="form-alert" type="warning" showIcon title={t('programs.quotas.notEditable')} /> : null}
            <Table<CityRow>
              className="narrow-table"
              rowKey="code"
              size="small"
              columns={cityColumns}
              dataSource={cityRows}
              pagination={false}
              summary={() => (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0} colSpan={2}>
                    <Typography.Text strong>{t('programs.quotas.sum')}</Typography.Text>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={2}>
                    <Typography.Text strong data-testid="city-quota-total">
                      {t('programs.quotas.count', { count: cityTotal })}
                    </Typography.Text>
                    {total?.min !== undefined && cityTotal > 0 && cityTotal < total.min ? (
                      <Typography.Text type="warning" className="cell-sub">
                        {' '}
                        {t('programs.quotas.belowTotal', { min: total.min })}
                      </Typography.Text>
                    ) : null}
                  </Table.Summary.Cell>
                </Table.Summary.Row>
              )}
            />
          </>
        ) : (
          <EmptyState description={t('programs.quotas.noPerCity')} />
        )}
      </Block>

      <Block title={t('programs.quotas.perCategory')}>
        <Table<Category>
          rowKey="category"
          size="small"
          columns={categoryColumns}
          dataSource={categories}
          pagination={false}
          locale={{ emptyText: <EmptyState description={t('programs.quotas.noPerCategory')} /> }}
        />
      </Block>
    </>
  );
}
