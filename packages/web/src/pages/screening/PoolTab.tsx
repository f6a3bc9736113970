import type { PoolEntry } from '@anxin/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Space, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api';
import { CategoryTags } from '../../components/CaseTags';
import { applyApiError, withTestId } from '../../components/forms';
import { QueryError } from '../../components/QueryError';

export const POOL_QUERY_KEY = ['pool'] as const;

/** Where 提出入库呈报 leads: the intake form, prefilled from the entry. */
export function intakePath(entry: Pick<PoolEntry, 'id' | 'personId'>, meetingId?: string): string {
  const params = new URLSearchParams({ personId: entry.personId, entryId: entry.id });
  if (meetingId) params.set('meetingId', meetingId);
  return `/cases/new?${params}`;
}

/** 待研判: suspects from submitted returns, until an intake proposal is made or they are dismissed with a reason. */
export function PoolTab() {
  const navigate = useNavigate();
  const [dismissing, setDismissing] = useState<PoolEntry | null>(null);
  const query = useQuery({ queryKey: POOL_QUERY_KEY, queryFn: ({ signal }) => api.pool(signal) });

  const columns: TableColumnsType<PoolEntry> = [
    {
      title: '姓名',
      dataIndex: 'personName',
      fixed: 'start',
      width: 90,
      render: (name: string, entry) => <Link to={`/persons/${entry.personId}`}>{name}</Link>,
    },
    { title: '身份证号', dataIndex: 'idNumberMasked', width: 180, className: 'mono' },
    { title: '上报单位', dataIndex: 'orgUnitName', width: 110 },
    { title: '月份', dataIndex: 'month', width: 90 },
    {
      title: '排查情形',
      dataIndex: 'categories',
      width: 200,
      render: (categories: string[]) => <CategoryTags categories={categories} />,
    },
    {
      title: '情况说明',
      dataIndex: 'description',
      width: 260,
      render: (text: string) => (
        <Typography.Paragraph className="cell-text" ellipsis={{ rows: 2, tooltip: text }}>
          {text}
        </Typography.Paragraph>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      fixed: 'end',
      width: 190,
      render: (_, entry) => (
        <Space size={4} wrap>
          {entry.abilities.propose && (
            <Button type="link" size="small" onClick={() => navigate(intakePath(entry))} data-testid="pool-propose">
              提出入库呈报
            </Button>
          )}
          {entry.abilities.dismiss && (
            <Button type="link" size="small" danger onClick={() => setDismissing(entry)} data-testid="pool-dismiss">
              排除
            </Button>
          )}
        </Space>
      ),
    },
  ];

  if (query.error) return <QueryError error={query.error} onRetry={() => query.refetch()} />;
  return (
    <div>
      <Typography.Paragraph type="secondary">
        各村（社区）上报的疑似人员，由平安办牵头核查后提出入库呈报，或注明理由予以排除。
      </Typography.Paragraph>
      <Table<PoolEntry>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={query.data?.items ?? []}
        loading={query.isFetching}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (total) => `共 ${total} 人` }}
        data-testid="pool-table"
        locale={{ emptyText: '暂无待研判人员' }}
      />
      {dismissing && <DismissModal entry={dismissing} onClose={() => setDismissing(null)} />}
    </div>
  );
}

function DismissModal({ entry, onClose }: { entry: PoolEntry; onClose: () => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);

  const submit = async ({ reason }: { reason: string }) => {
    setSaving(true);
    try {
      await api.dismissEntry(entry.id, reason.trim());
      await queryClient.invalidateQueries({ queryKey: POOL_QUERY_KEY });
      message.success(`已排除：${entry.personName}`);
      onClose();
    } catch (error) {
      const rest = applyApiError(form, error, ['reason']);
      if (rest) message.error(rest);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={`排除疑似人员：${entry.personName}`}
      okText="确认排除"
      okButtonProps={withTestId('pool-dismiss-submit', { danger: true })}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">排除后该人员不再进入研判议程，排除理由记入审计日志。</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="reason"
          label="排除理由"
          rules={[{ required: true, whitespace: true, message: '请填写排除理由' }, { max: 500 }]}
        >
          <Input.TextArea rows={3} placeholder="经核查不符合列管情形的具体理由" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
