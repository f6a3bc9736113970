import { Tabs, type TabsProps, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { can, useMe } from '../../session';
import { InspectionsTab } from './InspectionsTab';
import { InvestigationsTab } from './InvestigationsTab';
import { RectificationsTab } from './RectificationsTab';
import './oversight.css';

/** 督导问责 (plan §五(三)): 督导检查 with its 整改事项, and 责任倒查 ("一案一调查、一案一问责"). */
export function OversightPage() {
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const items: TabsProps['items'] = [];
  if (can(me, 'oversight.read')) items.push({ key: 'inspections', label: '督导检查', children: <InspectionsTab /> });
  if (can(me, 'rectifications.read'))
    items.push({ key: 'rectifications', label: '整改事项', children: <RectificationsTab /> });
  if (can(me, 'oversight.read'))
    items.push({ key: 'investigations', label: '责任倒查', children: <InvestigationsTab /> });
  const requested = params.get('tab');
  const active = items.some((item) => item.key === requested) ? requested : items[0]?.key;

  return (
    <div>
      <div className="page-heading">
        <Typography.Title level={4}>督导问责</Typography.Title>
      </div>
      <Tabs
        activeKey={active ?? undefined}
        items={items}
        destroyOnHidden
        // Each tab keeps its own filters in the address; switching starts a tab afresh.
        onChange={(key) => setParams({ tab: key }, { replace: true })}
      />
    </div>
  );
}
