import type { CaseDetail } from '@anxin/shared';
import { Col, Row } from 'antd';
import { AssessmentReportsCard } from './AssessmentReportsCard';
import { LevelOneCard } from './LevelOneCard';
import { ObligationsCard } from './ObligationsCard';
import { TeamCard } from './TeamCard';
import { VisitsCard } from './VisitsCard';

/**
 * The team's work on a listed case (§四(三)): 服务管理小组 and 管控责任书, 待办, 随访记录,
 * 评估报告 and, for level 1, the daily report, watch log and emergency plan. A closed case keeps its records.
 */
export function CaseWorkSection({ item }: { item: CaseDetail }) {
  if (item.status !== 'listed' && item.status !== 'delisted') return null;
  const listed = item.status === 'listed';
  return (
    <>
      <Row gutter={16}>
        <Col xs={24} lg={listed ? 12 : 24}>
          <TeamCard item={item} />
        </Col>
        {listed && (
          <Col xs={24} lg={12}>
            <ObligationsCard item={item} />
          </Col>
        )}
      </Row>
      {listed && item.level === 1 && <LevelOneCard item={item} />}
      <VisitsCard item={item} />
      <AssessmentReportsCard item={item} />
    </>
  );
}
