/**
 * 基本信息: the program's identity (name, issuer, document number, source), its validity and the
 * per-applicant limit. On a draft the editable ones are a form whose every change goes into the
 * draft; the saved draft's problems on these fields show on the fields themselves.
 */
import { useEffect } from 'react';
import { Col, Descriptions, Form, Input, InputNumber, Row, Space, Tag, Typography, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { fieldName } from '../../lib/field-path.ts';
import { useFormat } from '../../lib/format.ts';
import { provinceName } from '../../lib/regions.ts';
import { ProgramKindTag } from '../programs/tags.tsx';
import { setIn, type Definition } from './model.ts';
import { Block, Citation, Text2, useEnumLabel, type TabProps } from './parts.tsx';

interface BasicsValues {
  name: { 'zh-CN': string; en: string };
  issuer: string;
  documentNumber?: string;
  source: { title: string; issuedOn: string };
  effective: { from: string; to?: string };
  perApplicant: { maxApplications?: number | null };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function valuesOf(d: Definition): BasicsValues {
  return {
    name: { 'zh-CN': d.name?.['zh-CN'] ?? '', en: d.name?.en ?? '' },
    issuer: d.issuer ?? '',
    documentNumber: d.documentNumber ?? '',
    source: { title: d.source?.title ?? '', issuedOn: d.source?.issuedOn ?? '' },
    effective: { from: d.effective?.from ?? '', to: d.effective?.to ?? '' },
    perApplicant: { maxApplications: d.perApplicant?.maxApplications ?? null },
  };
}

/** The form's values into the definition; an emptied optional value is removed, not saved as "". */
function applyValues(d: Definition, v: BasicsValues): Definition {
  let next = setIn(d, ['name'], { ...(d.name ?? {}), 'zh-CN': v.name['zh-CN'], en: v.name.en });
  next = setIn(next, ['issuer'], v.issuer);
  next = setIn(next, ['documentNumber'], v.documentNumber?.trim() ? v.documentNumber : undefined);
  next = setIn(next, ['source'], { ...(d.source ?? {}), title: v.source.title, issuedOn: v.source.issuedOn });
  next = setIn(next, ['effective'], { ...(d.effective ?? {}), from: v.effective.from, to: v.effective.to || undefined });
  const max = v.perApplicant.maxApplications;
  next = setIn(next, ['perApplicant'], { ...(d.perApplicant ?? {}), maxApplications: typeof max === 'number' ? max : undefined });
  return next;
}

export function BasicsTab({ definition, editable, update, problems }: TabProps) {
  return (
    <Row gutter={24}>
      <Col xs={24} xl={editable ? 14 : 24}>{editable ? <BasicsForm definition={definition} update={update} problems={problems} /> : <BasicsFacts definition={definition} />}</Col>
      {editable ? (
        <Col xs={24} xl={10}>
          <FixedFacts definition={definition} />
        </Col>
      ) : null}
    </Row>
  );
}

function BasicsForm({ definition, update, problems }: Pick<TabProps, 'definition' | 'update' | 'problems'>) {
  const { t } = useTranslation();
  const [form] = Form.useForm<BasicsValues>();

  // The saved draft's problems on these fields show under them (the rest are in 问题).
  useEffect(() => {
    const untyped: FormInstance = form; // problem paths are strings; only registered ones are set
    const registered = new Set(form.getFieldsError().map((f) => JSON.stringify(f.name)));
    const fields = problems
      .map((p) => ({ name: fieldName(p.path), errors: [p.message] }))
      .filter((f) => registered.has(JSON.stringify(f.name)));
    if (fields.length) untyped.setFields(fields);
  }, [form, problems]);

  const dateRule = { pattern: ISO_DATE, message: t('programs.basics.datePattern') };
  return (
    <Form<BasicsValues>
      form={form}
      name="basics"
      layout="vertical"
      initialValues={valuesOf(definition)}
      onValuesChange={(_changed, all) => update((d) => applyValues(d, { ...valuesOf(d), ...all }))}
      className="designer-form"
    >
      <Block title={t('programs.basics.identity')}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name={['name', 'zh-CN']} label={t('programs.basics.nameZh')} rules={[{ required: true, whitespace: true }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name={['name', 'en']} label={t('programs.basics.nameEn')} rules={[{ required: true, whitespace: true }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="issuer" label={t('programs.issuer')} rules={[{ required: true, whitespace: true }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="documentNumber" label={t('programs.basics.documentNumber')} extra={t('programs.basics.documentNumberHint')}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name={['source', 'title']} label={t('programs.basics.sourceTitle')} rules={[{ required: true, whitespace: true }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name={['source', 'issuedOn']} label={t('programs.basics.issuedOn')} rules={[{ required: true }, dateRule]}>
              <Input type="date" />
            </Form.Item>
          </Col>
        </Row>
      </Block>
      <Block title={t('programs.basics.validity')}>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name={['effective', 'from']} label={t('programs.basics.effectiveFrom')} rules={[{ required: true }, dateRule]}>
              <Input type="date" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name={['effective', 'to']}
              label={t('programs.basics.effectiveTo')}
              extra={t('programs.basics.effectiveToHint')}
              dependencies={[['effective', 'from']]}
              rules={[
                dateRule,
                ({ getFieldValue }) => ({
                  validator: (_rule, value: string | undefined) => {
                    const from = getFieldValue(['effective', 'from']) as string | undefined;
                    return !value || !from || value >= from ? Promise.resolve() : Promise.reject(new Error(t('programs.basics.endBeforeStart')));
                  },
                }),
              ]}
            >
              <Input type="date" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name={['perApplicant', 'maxApplications']} label={t('programs.basics.maxApplications')} extra={t('programs.basics.maxApplicationsHint')}>
              <InputNumber<number> min={1} precision={0} className="number-input" suffix={t('programs.units.items')} />
            </Form.Item>
          </Col>
        </Row>
      </Block>
    </Form>
  );
}

/** What a draft cannot change here (the program's code, kind and province identify it). */
function FixedFacts({ definition }: { definition: Definition }) {
  const { t } = useTranslation();
  const format = useFormat();
  const label = useEnumLabel();
  return (
    <Block title={t('programs.basics.fixed')}>
      <Descriptions
        column={1}
        size="small"
        bordered
        items={[
          { key: 'code', label: t('programs.code'), children: <span className="mono">{definition.code}</span> },
          { key: 'kind', label: t('programs.kindLabel'), children: <ProgramKindTag kind={definition.kind} /> },
          { key: 'province', label: t('programs.province'), children: provinceName(definition.provinceCode ?? '', format.language) },
          { key: 'file', label: t('programs.basics.sourceFile'), children: <span className="mono">{definition.source?.file ?? '—'}</span> },
          {
            key: 'applicantTypes',
            label: t('programs.basics.applicantTypes'),
            children: (definition.applicantTypes ?? []).length ? (
              <ul className="plain-list">
                {(definition.applicantTypes ?? []).map((a) => (
                  <li key={a.code}>
                    <Text2 value={a.name} /> <Citation value={a.citation} hideEmpty />
                  </li>
                ))}
              </ul>
            ) : (
              '—'
            ),
          },
          ...(definition.scoring
            ? [
                {
                  key: 'scoring',
                  label: t('programs.basics.scoring'),
                  children: t('programs.basics.scoringText', {
                    experts: definition.scoring.expertsPerApplication,
                    aggregation: label('aggregation', definition.scoring.aggregation),
                    hearing: definition.scoring.defenseHearing ? t('programs.basics.withHearing') : t('programs.basics.withoutHearing'),
                  }),
                },
              ]
            : []),
        ]}
      />
    </Block>
  );
}

function BasicsFacts({ definition }: { definition: Definition }) {
  const { t } = useTranslation();
  const format = useFormat();
  const effective = definition.effective;
  return (
    <Space orientation="vertical" size={16} className="full-width">
      <Descriptions
        column={{ xs: 1, lg: 2 }}
        size="small"
        bordered
        items={[
          { key: 'nameZh', label: t('programs.basics.nameZh'), children: definition.name?.['zh-CN'] ?? '—' },
          { key: 'nameEn', label: t('programs.basics.nameEn'), children: definition.name?.en ?? '—' },
          { key: 'issuer', label: t('programs.issuer'), children: definition.issuer ?? '—' },
          { key: 'documentNumber', label: t('programs.basics.documentNumber'), children: definition.documentNumber ?? '—' },
          { key: 'source', label: t('programs.basics.sourceTitle'), children: definition.source?.title ?? '—' },
          { key: 'issuedOn', label: t('programs.basics.issuedOn'), children: format.date(definition.source?.issuedOn ? `${definition.source.issuedOn}T00:00:00+08:00` : null) },
          {
            key: 'effective',
            label: t('programs.basics.validity'),
            children: effective?.from
              ? t('programs.basics.effectiveRange', {
                  from: format.date(`${effective.from}T00:00:00+08:00`),
                  to: effective.to ? format.date(`${effective.to}T00:00:00+08:00`) : t('programs.basics.openEnded'),
                })
              : '—',
          },
          {
            key: 'maxApplications',
            label: t('programs.basics.maxApplications'),
            children: definition.perApplicant?.maxApplications ? (
              <Space>
                {t('programs.basics.maxApplicationsValue', { count: definition.perApplicant.maxApplications })}
                {definition.perApplicant.citation ? <Citation value={definition.perApplicant.citation} /> : null}
              </Space>
            ) : (
              <Typography.Text type="secondary">{t('programs.basics.noLimit')}</Typography.Text>
            ),
          },
        ]}
      />
      <FixedFacts definition={definition} />
      {definition.kind === 'target_plan' && (definition.targets ?? []).length ? (
        <Block title={t('programs.basics.targets')}>
          <ul className="plain-list">
            {(definition.targets ?? []).map((target) => (
              <li key={target.id}>
                <Text2 value={target.name} />{' '}
                <Tag>
                  {target.year}: {target.value} {target.unit}
                </Tag>
                <Citation value={target.citation} hideEmpty />
              </li>
            ))}
          </ul>
        </Block>
      ) : null}
    </Space>
  );
}
