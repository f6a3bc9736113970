import { Tabs, type TabsProps, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { can, useMe } from '../../session';
import { ComplianceTab } from './ComplianceTab';
import { ImportTab } from './ImportTab';
import { MonthlyReturnTab } from './MonthlyReturnTab';
import { PoolTab } from './PoolTab';

/** 排查上报: the monthly return (phone-first), the compliance board and the 待研判 pool, each for who uses it. */
export function ScreeningPage() {
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const items: TabsProps['items'] = [];
  if (can(me, 'screening.write')) items.push({ key: 'return', label: '本月上报', children: <MonthlyReturnTab /> });
  if (can(me, 'screening.write')) items.push({ key: 'import', label: '批量导入', children: <ImportTab /> });
  if (can(me, 'screening.compliance'))
    items.push({ key: 'compliance', label: '上报情况', children: <ComplianceTab /> });
  // The pool is worked by whoever proposes intake or dismisses suspects.
  if (can(me, 'cases.create') || can(me, 'pool.dismiss'))
    items.push({ key: 'pool', label: '待研判', children: <PoolTab /> });
  const requested = params.get('tab');
  const active = items.some((item) => item.key === requested) ? requested : items[0]?.key;

  return (
    <div>
      <div className="page-heading">
        <Typography.Title level={4}>排查上报</Typography.Title>
      </div>
      {items.length === 0 ? (
        <Typography.Text type="secondary">您的账号无需填报排查情况表。</Typography.Text>
      ) : (
        <Tabs
          activeKey={active ?? undefined}
          items={items}
          destroyOnHidden
          onChange={(key) =>
            setParams(
              (prev) => {
                const next = new URLSearchParams(prev);
                next.set('tab', key);
                return next;
              },
              { replace: true },
            )
          }
        />
      )}
    </div>
  );
}
