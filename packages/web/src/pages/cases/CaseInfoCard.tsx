import { CASE_SOURCE_LABELS, type CaseDetail, INDICATOR_LABELS, type Indicator } from '@anxin/shared';
import { Card, Descriptions, type DescriptionsProps, Grid, Space, Tag } from 'antd';
import { CategoryTags } from '../../components/CaseTags';
import { levelFullLabel, levelLabel } from '../../labels';
import { DueDate } from './CaseListTab';
import { delistReasonLabel } from './proposalText';

const orDash = (value: string | null | undefined) => value || '—';

function IndicatorList({ indicators }: { indicators: readonly Indicator[] }) {
  if (indicators.length === 0) return <span className="muted">未勾选</span>;
  return (
    <ul className="plain-list">
      {indicators.map((indicator) => (
        <li key={indicator}>
          <Tag>{levelLabel(INDICATOR_LABELS[indicator]?.level)}</Tag>
          {INDICATOR_LABELS[indicator]?.label ?? indicator}
        </li>
      ))}
    </ul>
  );
}

/** 基本信息: what the intake proposal said and where the case stands. */
export function CaseInfoCard({ item }: { item: CaseDetail }) {
  // On a phone a label column squeezes the long texts to a few characters a line: stack them instead.
  const screens = Grid.useBreakpoint();
  const items: DescriptionsProps['items'] = [
    { key: 'source', label: '来源', children: CASE_SOURCE_LABELS[item.source] },
    { key: 'town', label: '责任镇街', children: item.responsibleTownName },
    { key: 'proposedOn', label: '呈报日期', children: item.proposedOn },
    { key: 'proposedLevel', label: '入库建议级别', children: levelFullLabel(item.proposedLevel) },
    { key: 'listedOn', label: '列管日期', children: orDash(item.listedOn) },
    {
      key: 'nextReviewOn',
      label: '下次复核',
      children: item.status === 'listed' ? <DueDate date={item.nextReviewOn} /> : '—',
    },
    ...(item.closedOn
      ? [{ key: 'closedOn', label: item.status === 'delisted' ? '撤销日期' : '结案日期', children: item.closedOn }]
      : []),
    ...(item.delistReasonCode
      ? [{ key: 'delistReason', label: '撤销理由', children: delistReasonLabel(item.delistReasonCode) }]
      : []),
    ...(item.source === 'superior'
      ? [
          { key: 'superiorBody', label: '交办单位', children: orDash(item.superiorBody) },
          { key: 'superiorReference', label: '交办文号', children: orDash(item.superiorReference) },
        ]
      : []),
    {
      key: 'units',
      label: '责任单位',
      span: 'filled',
      children: (
        <Space size={[0, 4]} wrap>
          {item.responsibleUnits.map((unit) => (
            <Tag key={unit.id}>{unit.name}</Tag>
          ))}
        </Space>
      ),
    },
    { key: 'categories', label: '排查情形', span: 'filled', children: <CategoryTags categories={item.categories} /> },
    { key: 'indicators', label: '现实表现', span: 'filled', children: <IndicatorList indicators={item.indicators} /> },
    {
      key: 'basis',
      label: '基本情况及列管依据',
      span: 'filled',
      children: <span className="pre-wrap">{item.basis}</span>,
    },
    {
      key: 'resolutionPlan',
      label: '问题化解方案',
      span: 'filled',
      children: <span className="pre-wrap">{item.resolutionPlan}</span>,
    },
    {
      key: 'listingOpinion',
      label: '列管意见',
      span: 'filled',
      children: <span className="pre-wrap">{orDash(item.listingOpinion)}</span>,
    },
  ];
  return (
    <Card title="基本信息" className="section-card">
      <Descriptions
        items={items}
        column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 3, xxl: 3 }}
        size="small"
        bordered
        layout={screens.sm === false ? 'vertical' : 'horizontal'}
      />
    </Card>
  );
}
