import { PlusOutlined } from '@ant-design/icons';
import { ORG_KIND_LABELS } from '@anxin/shared';
import { Button, Space, Table, type TableColumnsType, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { QueryError } from '../../components/QueryError';
import { buildOrgTree, type OrgTreeNode, useOrgUnits } from '../../orgUnits';
import { kindsUnder, type OrgUnitEditTarget, OrgUnitFormModal } from './OrgUnitFormModal';

/** 系统管理 › 组织机构: the tree of units in scope, built from the flat list. */
export function OrgUnitsPage() {
  const query = useOrgUnits();
  const [target, setTarget] = useState<OrgUnitEditTarget | null>(null);
  const tree = useMemo(() => buildOrgTree(query.data ?? []), [query.data]);
  const allKeys = useMemo(() => (query.data ?? []).map((unit) => unit.id), [query.data]);

  const columns: TableColumnsType<OrgTreeNode> = [
    { title: '名称', key: 'name', render: (_, node) => node.unit.name },
    { title: '类型', key: 'kind', width: 100, render: (_, node) => ORG_KIND_LABELS[node.unit.kind] },
    {
      title: '区划代码',
      key: 'code',
      width: 150,
      render: (_, node) => <span className="mono">{node.unit.code || '—'}</span>,
    },
    {
      title: '操作',
      key: 'actions',
      width: 170,
      render: (_, node) => (
        <Space size="small">
          {node.unit.abilities.update && (
            <Button type="link" size="small" onClick={() => setTarget({ mode: 'edit', unit: node.unit })}>
              编辑
            </Button>
          )}
          {kindsUnder(node.unit.kind).length > 0 && (
            <Button type="link" size="small" onClick={() => setTarget({ mode: 'create', parentId: node.unit.id })}>
              新增下级
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <div>
      <div className="page-heading">
        <Typography.Title level={4}>组织机构</Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setTarget({ mode: 'create', parentId: null })}>
          新增组织机构
        </Button>
      </div>
      {query.error ? (
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      ) : (
        <Table<OrgTreeNode>
          // Remount when the list arrives so every level starts expanded.
          key={allKeys.length}
          rowKey="key"
          size="middle"
          columns={columns}
          dataSource={tree}
          loading={query.isLoading}
          pagination={false}
          scroll={{ x: 'max-content' }}
          expandable={{ defaultExpandedRowKeys: allKeys }}
        />
      )}
      {target && <OrgUnitFormModal target={target} onClose={() => setTarget(null)} />}
    </div>
  );
}
