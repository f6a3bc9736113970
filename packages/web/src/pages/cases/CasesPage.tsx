import { ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Space, Tabs, type TabsProps, Typography } from 'antd';
import { useNavigate, useSearchParams } from 'react-router';
import { can, useMe } from '../../session';
import { CaseListTab } from './CaseListTab';
import { ProposalsTab } from './ProposalsTab';
import { TransfersTab } from './TransfersTab';

/** 列管管理: cases by status and level, proposals awaiting a decision, and jurisdiction transfers. */
export function CasesPage() {
  const me = useMe();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const items: TabsProps['items'] = [
    { key: 'cases', label: '列管案件', children: <CaseListTab /> },
    { key: 'proposals', label: '待研判呈报', children: <ProposalsTab /> },
  ];
  if (can(me, 'transfers.request') || can(me, 'transfers.answer') || can(me, 'transfers.designate')) {
    items.push({ key: 'transfers', label: '移交管辖', children: <TransfersTab /> });
  }
  const requested = params.get('tab');
  const active = items.some((item) => item.key === requested) ? (requested as string) : 'cases';

  return (
    <div>
      <div className="page-heading">
        <Typography.Title level={4}>列管管理</Typography.Title>
        <Space wrap>
          {can(me, 'cases.import') && (
            <Button
              icon={<ImportOutlined />}
              onClick={() => navigate('/cases/import-ledger')}
              data-testid="ledger-import-open"
            >
              导入在册台账
            </Button>
          )}
          {can(me, 'cases.create') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => navigate('/cases/new')}
              data-testid="case-new"
            >
              入库呈报
            </Button>
          )}
        </Space>
      </div>
      <Tabs
        activeKey={active}
        items={items}
        destroyOnHidden
        // A new tab starts without the other tab's filters.
        onChange={(key) => setParams(key === 'cases' ? {} : { tab: key })}
      />
    </div>
  );
}
