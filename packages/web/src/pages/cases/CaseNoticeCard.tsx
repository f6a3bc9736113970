import { MessageOutlined, NotificationOutlined } from '@ant-design/icons';
import {
  type CaseDetail,
  NOTICE_EXCEPTION_LABELS,
  NOTICE_STATUS_LABELS,
  OBJECTION_STATUS_LABELS,
  type Objection,
} from '@anxin/shared';
import { Button, Card, Descriptions, Tag, Typography } from 'antd';
import { useState } from 'react';
import { AnswerModal, NoticeModal, ObjectionModal } from './NoticeModals';
import './notice.css';

const NOTICE_COLORS = { pending: 'orange', informed: 'green', exception: 'purple' } as const;

function NoticeDetails({ item }: { item: CaseDetail }) {
  const notice = item.notice;
  if (item.status === 'proposed' || item.status === 'rejected') {
    return <Typography.Text type="secondary">列管后由平安办登记是否已告知本人。</Typography.Text>;
  }
  return (
    <Descriptions
      size="small"
      column={1}
      items={[
        {
          key: 'status',
          label: '告知情况',
          children: (
            <Tag color={NOTICE_COLORS[notice.status]} data-testid="notice-status-tag">
              {NOTICE_STATUS_LABELS[notice.status]}
            </Tag>
          ),
        },
        ...(notice.exception
          ? [{ key: 'exception', label: '例外情形', children: NOTICE_EXCEPTION_LABELS[notice.exception] }]
          : []),
        ...(notice.on
          ? [{ key: 'on', label: notice.status === 'exception' ? '决定日期' : '告知日期', children: notice.on }]
          : []),
        ...(notice.decidedByName ? [{ key: 'by', label: '登记（决定）人', children: notice.decidedByName }] : []),
        ...(notice.note
          ? [{ key: 'note', label: '说明', children: <span className="pre-wrap">{notice.note}</span> }]
          : []),
      ]}
    />
  );
}

function ObjectionItem({ objection, onAnswer }: { objection: Objection; onAnswer: () => void }) {
  const open = objection.status === 'open';
  return (
    <li className="objection-item" data-testid="objection-item">
      <div>
        <Tag color={open ? 'volcano' : 'green'}>{OBJECTION_STATUS_LABELS[objection.status]}</Tag>
        <Typography.Text type="secondary">
          {objection.raisedOn} 提出 · {objection.recordedByName} 登记
        </Typography.Text>
      </div>
      <div className="pre-wrap">{objection.content}</div>
      {objection.answer !== null && (
        <div className="objection-answer">
          <Typography.Text type="secondary">
            {objection.answeredOn} {objection.answeredByName} 答复：
          </Typography.Text>
          <span className="pre-wrap">{objection.answer}</span>
        </div>
      )}
      {objection.abilities.answer && (
        <Button size="small" onClick={onAnswer} data-testid="objection-answer-open">
          答复
        </Button>
      )}
    </li>
  );
}

/**
 * 告知与异议 (PIPL Art. 35): whether the person was told of the listing, or which exception applies
 * and who decided it; and the objections the person raised, with their answers. Open objections and
 * pending notices go onto the town's next assessment meeting's agenda.
 */
export function CaseNoticeCard({ item }: { item: CaseDetail }) {
  const [dialog, setDialog] = useState<'notice' | 'objection' | Objection | null>(null);
  const { notice, objections } = item;
  return (
    <Card
      title="告知与异议"
      className="section-card"
      data-testid="case-notice"
      extra={
        notice.abilities.decide && (
          <Button
            size="small"
            icon={<NotificationOutlined />}
            onClick={() => setDialog('notice')}
            data-testid="notice-edit"
          >
            {notice.status === 'pending' ? '登记告知情况' : '修改告知情况'}
          </Button>
        )
      }
    >
      <NoticeDetails item={item} />
      <Typography.Paragraph className="subsection-title">
        <Typography.Text strong>异议（{objections.length}）</Typography.Text>
        {notice.abilities.recordObjection && (
          <Button
            size="small"
            type="link"
            icon={<MessageOutlined />}
            onClick={() => setDialog('objection')}
            data-testid="objection-new"
          >
            登记异议
          </Button>
        )}
      </Typography.Paragraph>
      {objections.length === 0 ? (
        <Typography.Text type="secondary">本人未提出异议</Typography.Text>
      ) : (
        <ul className="plain-list objection-list">
          {objections.map((objection) => (
            <ObjectionItem key={objection.id} objection={objection} onAnswer={() => setDialog(objection)} />
          ))}
        </ul>
      )}
      {dialog === 'notice' && <NoticeModal item={item} onClose={() => setDialog(null)} />}
      {dialog === 'objection' && <ObjectionModal item={item} onClose={() => setDialog(null)} />}
      {dialog !== null && typeof dialog === 'object' && (
        <AnswerModal item={item} objection={dialog} onClose={() => setDialog(null)} />
      )}
    </Card>
  );
}
