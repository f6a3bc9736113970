import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { CaseDetail } from '@anxin/shared';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { QueryError } from '../../components/QueryError';
import { HelpDueCell, HelpStatusTag, HelpTypeTag, LongText } from './HelpCells';
import { HelpUpdateModal } from './HelpUpdateModal';
import type { HelpItem, HelpKind } from './helpKinds';
import { NewHelpItemModal } from './NewHelpItemModal';
import './help.css';

/**
 * A case's 帮扶服务 or 矛盾诉求, open ones first: whoever works the case adds one for a unit; the
 * unit (or 平安办) moves it on from here or from its queue.
 */
export function HelpItemsCard({ kind, item, testId }: { kind: HelpKind; item: CaseDetail; testId: string }) {
  const query = useQuery({
    queryKey: kind.caseKey(item.id),
    queryFn: ({ signal }) => kind.caseItems(item.id, signal),
  });
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<HelpItem | null>(null);

  const columns: TableColumnsType<HelpItem> = [
    {
      title: kind.typeLabel,
      key: 'type',
      fixed: 'start',
      width: 110,
      render: (_, row) => (
        <span className="subject-cell">
          <HelpTypeTag kind={kind} type={row.type} />
          <HelpStatusTag kind={kind} status={row.status} />
        </span>
      ),
    },
    { title: kind.unitLabel, dataIndex: 'responsibleOrgUnitName', width: 120 },
    { title: kind.dueLabel, key: 'due', width: 120, render: (_, row) => <HelpDueCell kind={kind} item={row} /> },
    {
      title: '操作',
      key: 'action',
      width: 80,
      render: (_, row) =>
        row.abilities.update ? (
          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(row)} data-testid="help-item-update">
            办理
          </Button>
        ) : null,
    },
    {
      title: kind.descriptionLabel,
      dataIndex: 'description',
      width: 240,
      render: (text: string) => <LongText text={text} />,
    },
    { title: kind.textLabel, key: 'text', width: 240, render: (_, row) => <LongText text={kind.text(row)} /> },
    { title: '登记人', dataIndex: 'createdByName', width: 110 },
  ];

  return (
    <Card
      title={kind.kind === 'service' ? '帮扶服务' : '矛盾纠纷与诉求'}
      className="section-card"
      data-testid={testId}
      extra={
        query.data?.abilities.create && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid={`${testId}-new`}>
            {kind.kind === 'service' ? '登记帮扶服务' : '登记矛盾诉求'}
          </Button>
        )
      }
    >
      {query.error ? (
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      ) : (
        <Table<HelpItem>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={query.data?.items ?? []}
          loading={query.isLoading}
          rowClassName={(row) => (row.overdue ? 'help-row-overdue' : '')}
          pagination={{ pageSize: 5, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: kind.kind === 'service' ? '暂无帮扶服务' : '暂无矛盾诉求' }}
        />
      )}
      {adding && <NewHelpItemModal kind={kind} item={item} onClose={() => setAdding(false)} />}
      {editing && <HelpUpdateModal kind={kind} item={editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}
