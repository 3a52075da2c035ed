/**
 * 公示与资金: the public notice (how long, counted how) and the subsidy — a rate of eligible
 * investment up to a cap, or an amount the officers decide up to a cap (raised in some cases), paid
 * in tranches. Money is shown and typed in 万元 and kept in fen; rates in % and kept in basis points.
 */
import { Alert, Descriptions, InputNumber, Select, Space, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/QueryState.tsx';
import { useLanguage } from '../../i18n.ts';
import { bpToPercent, formatBp, formatFen, percentToBp } from '../../lib/money.ts';
import { optionalNumber, setIn, type Definition, type Update } from './model.ts';
import { Block, Citation, ProblemMark, Text2, WanInput, useEnumLabel, type TabProps } from './parts.tsx';

type Tranche = { id: string; share: number | 'remainder'; shareSetByCall?: boolean | undefined; trigger: string; budgetYear: string; citation: string };
type RaisedCap = { when: string; capFen: number; message: { 'zh-CN': string; en: string }; citation: string };

export function MoneyTab(props: TabProps) {
  return (
    <>
      <NoticeBlock {...props} />
      <SubsidyBlock {...props} />
    </>
  );
}

function PercentInput({ bp, onChange, label, max = 100 }: { bp: number | undefined; onChange: (bp: number | undefined) => void; label: string; max?: number }) {
  return (
    <InputNumber<number>
      size="small"
      min={0}
      max={max}
      step={1}
      className="count-input"
      aria-label={label}
      value={bp === undefined ? null : bpToPercent(bp)}
      onChange={(v) => {
        const n = optionalNumber(v);
        onChange(n === undefined ? undefined : percentToBp(n));
      }}
      suffix="%"
    />
  );
}

function NoticeBlock({ definition, editable, update, problems }: TabProps) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const notice = definition.publicNotice;
  if (!notice) {
    return (
      <Block title={t('programs.money.notice')}>
        <EmptyState description={t('programs.money.noNotice')} />
      </Block>
    );
  }
  const set = (key: string, value: unknown) => update((d) => setIn(d, ['publicNotice', key], value));
  const summary = t('programs.money.noticeText', {
    count: notice.length,
    unit: label('dayUnit', notice.unit),
    start: label('noticeStart', notice.start),
    end: notice.endTime ?? '24:00',
  });
  const extras = [
    notice.rollForwardIfHoliday !== false ? t('programs.money.rollForward') : t('programs.money.noRollForward'),
    notice.objections !== false ? t('programs.money.objections') : t('programs.money.noObjections'),
  ].join('；');

  return (
    <Block
      title={
        <Space>
          {t('programs.money.notice')}
          <ProblemMark problems={problems} prefix="publicNotice" />
        </Space>
      }
      extra={<Citation value={notice.citation} hideEmpty />}
    >
      <Alert className="form-alert" type="info" showIcon title={`${summary}；${extras}`} />
      {editable ? (
        <Space size={[24, 12]} wrap>
          <label className="inline-field">
            <span>{t('programs.money.length')}</span>
            <InputNumber<number> size="small" min={1} max={60} precision={0} className="count-input" value={notice.length} onChange={(v) => set('length', optionalNumber(v) ?? 1)} />
          </label>
          <label className="inline-field">
            <span>{t('programs.stages.unit')}</span>
            <Select size="small" className="select-sm" value={notice.unit} onChange={(v) => set('unit', v)} options={(['calendar', 'working'] as const).map((u) => ({ value: u, label: label('dayUnit', u) }))} />
          </label>
          <label className="inline-field">
            <span>{t('programs.money.start')}</span>
            <Select size="small" className="select-lg" value={notice.start} onChange={(v) => set('start', v)} options={(['publish_day', 'next_day'] as const).map((s) => ({ value: s, label: label('noticeStart', s) }))} />
          </label>
          <label className="inline-field">
            <span>{t('programs.money.endTime')}</span>
            <Select size="small" className="select-sm" value={notice.endTime ?? '24:00'} onChange={(v) => set('endTime', v)} options={['24:00', '17:00'].map((v) => ({ value: v, label: v }))} />
          </label>
          <label className="inline-field">
            <span>{t('programs.money.rollForwardLabel')}</span>
            <Switch size="small" checked={notice.rollForwardIfHoliday !== false} onChange={(v) => set('rollForwardIfHoliday', v)} />
          </label>
          <label className="inline-field">
            <span>{t('programs.money.objectionsLabel')}</span>
            <Switch size="small" checked={notice.objections !== false} onChange={(v) => set('objections', v)} />
          </label>
        </Space>
      ) : null}
    </Block>
  );
}

function SubsidyBlock({ definition, editable, update, problems }: TabProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const label = useEnumLabel();
  const subsidy = definition.subsidy;
  const title = (
    <Space>
      {t('programs.money.subsidy')}
      {subsidy ? <Tag color={subsidy.kind === 'none' ? 'default' : 'blue'}>{label('subsidyKind', subsidy.kind)}</Tag> : null}
      <ProblemMark problems={problems} prefix="subsidy" />
    </Space>
  );
  if (!subsidy) {
    return (
      <Block title={title}>
        <EmptyState description={t('programs.money.noSubsidy')} />
      </Block>
    );
  }
  if (subsidy.kind === 'none') {
    return (
      <Block title={title}>
        <Typography.Paragraph>{subsidy.reason}</Typography.Paragraph>
      </Block>
    );
  }
  const set = (path: (string | number)[], value: unknown) => update((d) => setIn(d, ['subsidy', ...path], value));

  if (subsidy.kind === 'formula') {
    const investment = subsidy.eligibleInvestment;
    const matching = subsidy.cityMatching;
    return (
      <Block title={title} extra={<Citation value={subsidy.citation} hideEmpty />}>
        <Alert className="form-alert" type="info" showIcon title={t('programs.money.formulaText', { rate: formatBp(subsidy.rate), cap: formatFen(subsidy.capFen, language) })} />
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, lg: 2 }}
          items={[
            {
              key: 'rate',
              label: t('programs.money.rate'),
              children: editable ? <PercentInput bp={subsidy.rate} onChange={(bp) => set(['rate'], bp ?? 0)} label={t('programs.money.rate')} /> : formatBp(subsidy.rate),
            },
            {
              key: 'cap',
              label: t('programs.money.cap'),
              children: editable ? <WanInput id="subsidy-cap" value={subsidy.capFen} onChange={(fen) => set(['capFen'], fen ?? 0)} /> : formatFen(subsidy.capFen, language),
            },
            {
              key: 'base',
              label: t('programs.money.base'),
              span: 2,
              children: (
                <Space orientation="vertical" size={4}>
                  <span>
                    {t('programs.money.window', { count: investment.windowYears })}
                    {investment.includesCompletionYear ? t('programs.money.includesCompletionYear') : ''} <Citation value={investment.citation} hideEmpty />
                  </span>
                  <Space size={[4, 4]} wrap>
                    {investment.categories.map((c) => (
                      <Tag key={c.code}>
                        <Text2 value={c.name} />
                      </Tag>
                    ))}
                  </Space>
                </Space>
              ),
            },
            {
              key: 'matching',
              label: t('programs.money.cityMatching'),
              span: 2,
              children: matching ? (
                <Space wrap>
                  {editable ? (
                    <Switch size="small" checked={matching.required} onChange={(v) => set(['cityMatching', 'required'], v)} aria-label={t('programs.money.cityMatching')} />
                  ) : null}
                  <span>{matching.required ? t('programs.money.matchingRequired') : t('programs.money.matchingNotRequired')}</span>
                  {editable ? (
                    <label className="inline-field">
                      <span>{t('programs.money.matchingRatio')}</span>
                      <PercentInput bp={matching.ratio} onChange={(bp) => set(['cityMatching', 'ratio'], bp)} label={t('programs.money.matchingRatio')} max={1000} />
                    </label>
                  ) : matching.ratio !== undefined ? (
                    <span>{t('programs.money.matchingRatioText', { ratio: formatBp(matching.ratio) })}</span>
                  ) : null}
                  <Citation value={matching.citation} hideEmpty />
                </Space>
              ) : (
                '—'
              ),
            },
          ]}
        />
        <Tranches tranches={subsidy.tranches as Tranche[]} editable={editable} update={update} />
      </Block>
    );
  }

  // officer_entered
  const raised = (subsidy.raisedCaps ?? []) as RaisedCap[];
  return (
    <Block title={title} extra={<Citation value={subsidy.citation} hideEmpty />}>
      <Descriptions
        size="small"
        bordered
        column={1}
        items={[
          {
            key: 'cap',
            label: t('programs.money.cap'),
            children: editable ? <WanInput id="subsidy-cap" value={subsidy.capFen} onChange={(fen) => set(['capFen'], fen ?? 0)} /> : formatFen(subsidy.capFen, language),
          },
          {
            key: 'forms',
            label: t('programs.money.awardForms'),
            children: (
              <Space size={[4, 4]} wrap>
                {subsidy.awardForms.map((f) => (
                  <Tag key={f}>{label('awardForm', f)}</Tag>
                ))}
              </Space>
            ),
          },
        ]}
      />
      <Typography.Text strong className="sub-title">
        {t('programs.money.raisedCaps')}
      </Typography.Text>
      <Table<RaisedCap>
        rowKey={(cap) => cap.when}
        size="small"
        pagination={false}
        dataSource={raised}
        locale={{ emptyText: <EmptyState description={t('programs.money.noRaisedCaps')} /> }}
        columns={[
          { key: 'when', title: t('programs.money.when'), render: (_, cap) => <code className="expression-cell">{cap.when}</code> },
          {
            key: 'cap',
            title: t('programs.money.cap'),
            width: 200,
            render: (_, cap, index) =>
              editable ? <WanInput value={cap.capFen} onChange={(fen) => set(['raisedCaps', index, 'capFen'], fen ?? 0)} /> : formatFen(cap.capFen, language),
          },
          { key: 'message', title: t('programs.rules.message'), render: (_, cap) => <Text2 value={cap.message} /> },
          { key: 'citation', title: t('programs.citation'), width: 120, render: (_, cap) => <Citation value={cap.citation} /> },
        ]}
      />
      <Tranches tranches={subsidy.tranches as Tranche[]} editable={editable} update={update} />
    </Block>
  );
}

function Tranches({ tranches, editable, update }: { tranches: Tranche[]; editable: boolean; update: Update }) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const fixed = tranches.reduce((sum, tr) => sum + (typeof tr.share === 'number' ? tr.share : 0), 0);
  const columns: TableColumnsType<Tranche> = [
    { key: 'id', title: t('programs.money.tranche'), width: 170, render: (_, tr) => <span className="mono">{tr.id}</span> },
    {
      key: 'share',
      title: t('programs.money.share'),
      width: 280,
      render: (_, tr, index) =>
        tr.share === 'remainder' ? (
          t('programs.money.remainder')
        ) : editable ? (
          <Space size={4}>
            <PercentInput
              bp={tr.share}
              label={`${tr.id} ${t('programs.money.share')}`}
              onChange={(bp) => update((d: Definition) => setIn(d, ['subsidy', 'tranches', index, 'share'], bp ?? 0))}
            />
            {tr.shareSetByCall ? <Tag color="blue">{t('programs.money.setByCall')}</Tag> : null}
          </Space>
        ) : (
          <Space size={4}>
            {formatBp(tr.share)}
            {tr.shareSetByCall ? <Tag color="blue">{t('programs.money.setByCall')}</Tag> : null}
          </Space>
        ),
    },
    { key: 'trigger', title: t('programs.money.trigger'), render: (_, tr) => label('trigger', tr.trigger) },
    { key: 'budgetYear', title: t('programs.money.budgetYear'), width: 100, render: (_, tr) => label('budgetYear', tr.budgetYear) },
    { key: 'citation', title: t('programs.citation'), width: 120, render: (_, tr) => <Citation value={tr.citation} /> },
  ];
  return (
    <>
      <Typography.Text strong className="sub-title">
        {t('programs.money.tranches')}
      </Typography.Text>
      {fixed > 10_000 ? <Alert className="form-alert" type="warning" showIcon title={t('programs.money.sharesOver', { total: formatBp(fixed) })} /> : null}
      <Table<Tranche> rowKey="id" size="small" pagination={false} dataSource={tranches} columns={columns} />
    </>
  );
}
