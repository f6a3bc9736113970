import { BellOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Drawer, Empty, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../api';
import type { AppNotification } from '../lifecycleApi';
import { formatDateTime } from '../time';
import { QueryError } from './QueryError';

export const NOTIFICATIONS_QUERY_KEY = ['notifications'] as const;

/** The header bell: unread notices to the user's unit (decisions, level changes), each leading to its case. */
export function NotificationBell() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const query = useQuery({
    queryKey: NOTIFICATIONS_QUERY_KEY,
    queryFn: ({ signal }) => api.notifications(signal),
    refetchInterval: 60_000,
  });
  const items = query.data?.items ?? [];
  const unread = query.data?.unread ?? items.filter((item) => !item.readAt).length;

  const openItem = async (item: AppNotification) => {
    if (!item.readAt) {
      try {
        await api.markNotificationRead(item.id);
      } catch {
        // Reading the case matters more than the mark; the bell refreshes anyway.
      }
      void queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_QUERY_KEY });
    }
    if (item.caseId) {
      setOpen(false);
      navigate(`/cases/${item.caseId}`);
    }
  };

  return (
    <>
      <Badge count={unread} size="small" offset={[-4, 4]}>
        <Button
          type="text"
          icon={<BellOutlined />}
          aria-label={unread > 0 ? `通知（${unread}条未读）` : '通知'}
          onClick={() => setOpen(true)}
          data-testid="notification-bell"
        />
      </Badge>
      <Drawer title="通知" open={open} onClose={() => setOpen(false)} size={380} destroyOnHidden>
        {query.error ? (
          <QueryError error={query.error} onRetry={() => query.refetch()} />
        ) : items.length === 0 ? (
          <Empty description="暂无通知" />
        ) : (
          <ul className="notification-list" data-testid="notification-list">
            {items.map((item) => (
              <li key={item.id}>
                <button
                  type="button"
                  className={`notification-item${item.readAt ? '' : ' unread'}`}
                  onClick={() => openItem(item)}
                  data-testid="notification-item"
                >
                  <Typography.Text strong={!item.readAt}>{item.title}</Typography.Text>
                  <Typography.Paragraph type="secondary" className="notification-body" ellipsis={{ rows: 3 }}>
                    {item.body}
                  </Typography.Paragraph>
                  <Typography.Text type="secondary" className="notification-time">
                    {formatDateTime(item.createdAt)}
                  </Typography.Text>
                </button>
              </li>
            ))}
          </ul>
        )}
      </Drawer>
    </>
  );
}
