import { Tabs, type TabsProps, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { HelpQueue } from './HelpQueue';
import { GRIEVANCE_KIND, SERVICE_KIND } from './helpKinds';

/**
 * 帮扶服务: each unit's work queue (§四(三)3(2)④⑤). 服务事项 — 低保、救助、法律援助、心理疏导 …;
 * 矛盾诉求 — disputes and claims the 事权单位 resolves by a deadline, 平安办 supervising those past it.
 */
export function HelpPage() {
  const [params, setParams] = useSearchParams();
  const items: TabsProps['items'] = [
    { key: 'services', label: '服务事项', children: <HelpQueue kind={SERVICE_KIND} /> },
    { key: 'grievances', label: '矛盾诉求', children: <HelpQueue kind={GRIEVANCE_KIND} /> },
  ];
  const active = params.get('tab') === 'grievances' ? 'grievances' : 'services';
  return (
    <div>
      <div className="page-heading">
        <Typography.Title level={4}>帮扶服务</Typography.Title>
      </div>
      <Tabs
        activeKey={active}
        items={items}
        destroyOnHidden
        // A new tab starts without the other tab's filters.
        onChange={(key) => setParams(key === 'services' ? {} : { tab: key })}
      />
    </div>
  );
}
