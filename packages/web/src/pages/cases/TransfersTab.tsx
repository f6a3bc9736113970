import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Select, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api';
import { applyApiError } from '../../components/forms';
import { TownSelect } from '../../components/OrgUnitSelect';
import { QueryError } from '../../components/QueryError';
import { useUrlFilters } from '../../components/useUrlFilters';
import type { Transfer } from '../../lifecycleApi';
import { useOrgUnitNames } from '../../orgUnits';

export const TRANSFER_STATUS: Record<Transfer['status'], { label: string; color: string }> = {
  pending: { label: '待接收', color: 'blue' },
  accepted: { label: '已接收', color: 'green' },
  refused: { label: '已拒绝（待区级指定）', color: 'orange' },
  designated: { label: '已指定管辖', color: 'purple' },
};

const STATUS_OPTIONS = Object.entries(TRANSFER_STATUS).map(([value, { label }]) => ({ value, label }));

type Action = { kind: 'answer' | 'designate'; transfer: Transfer };

/**
 * 移交管辖: a town asks another to take a case (the household moved); the receiving town
 * accepts or refuses; a refused one goes to the district, which designates the town.
 */
export function TransfersTab() {
  const names = useOrgUnitNames();
  const { page, pageSize, get, update, pagination } = useUrlFilters();
  const status = get('status');
  const [action, setAction] = useState<Action | null>(null);
  const query = useQuery({
    queryKey: ['transfers', { page, pageSize, status }],
    queryFn: ({ signal }) => api.transfers({ page, pageSize, status }, signal),
    placeholderData: keepPreviousData,
  });
  // The designated town is usually one of the two; otherwise the district (who designates) knows its name.
  const designatedTown = (transfer: Transfer) => {
    const id = transfer.designatedTownId;
    if (!id) return '—';
    if (id === transfer.toTownId) return transfer.toTownName;
    if (id === transfer.fromTownId) return transfer.fromTownName;
    return names.get(id) ?? '其他镇（街道）';
  };

  const columns: TableColumnsType<Transfer> = [
    {
      title: '人员',
      dataIndex: 'personName',
      width: 90,
      render: (name: string, transfer) => <Link to={`/cases/${transfer.caseId}`}>{name}</Link>,
    },
    { title: '移出', dataIndex: 'fromTownName', width: 100 },
    { title: '移入', dataIndex: 'toTownName', width: 100 },
    { title: '移交理由', dataIndex: 'reason', width: 220 },
    {
      title: '状态',
      dataIndex: 'status',
      width: 160,
      render: (value: Transfer['status']) => (
        <Tag color={TRANSFER_STATUS[value]?.color}>{TRANSFER_STATUS[value]?.label ?? value}</Tag>
      ),
    },
    {
      title: '答复/指定',
      key: 'answer',
      width: 240,
      render: (_, transfer) =>
        transfer.status === 'designated'
          ? `指定${designatedTown(transfer)}：${transfer.designationReason ?? ''}`
          : (transfer.answerReason ?? '—'),
    },
    {
      title: '操作',
      key: 'actions',
      fixed: 'end',
      width: 120,
      render: (_, transfer) => (
        <Space size={4}>
          {transfer.abilities.answer && (
            <Button type="link" size="small" onClick={() => setAction({ kind: 'answer', transfer })}>
              答复
            </Button>
          )}
          {transfer.abilities.designate && (
            <Button type="link" size="small" onClick={() => setAction({ kind: 'designate', transfer })}>
              指定管辖
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <div>
      <Space wrap className="filters">
        <Select
          allowClear
          placeholder="全部状态"
          value={status}
          options={STATUS_OPTIONS}
          onChange={(value: string | undefined) => update({ status: value, page: undefined })}
          className="filter-select-wide"
        />
      </Space>
      {query.error ? (
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      ) : (
        <Table<Transfer>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={query.data?.items ?? []}
          loading={query.isFetching}
          scroll={{ x: 'max-content' }}
          pagination={pagination(query.data?.total ?? 0, '件')}
          data-testid="transfers-table"
          locale={{ emptyText: '暂无移交' }}
        />
      )}
      {action && <TransferActionModal action={action} onClose={() => setAction(null)} />}
    </div>
  );
}

interface ActionValues {
  accept?: boolean;
  townId?: string;
  reason: string;
}

function TransferActionModal({ action, onClose }: { action: Action; onClose: () => void }) {
  const [form] = Form.useForm<ActionValues>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const { kind, transfer } = action;

  const submit = async (values: ActionValues) => {
    setSaving(true);
    try {
      if (kind === 'answer')
        await api.answerTransfer(transfer.id, { accept: values.accept === true, reason: values.reason.trim() });
      else await api.designateTransfer(transfer.id, { townId: values.townId as string, reason: values.reason.trim() });
      await queryClient.invalidateQueries({ queryKey: ['transfers'] });
      await queryClient.invalidateQueries({ queryKey: ['case', transfer.caseId] });
      message.success('已保存');
      onClose();
    } catch (error) {
      const rest = applyApiError(form, error, ['accept', 'townId', 'reason']);
      if (rest) message.error(rest);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={kind === 'answer' ? '答复移交' : '指定管辖'}
      okText="提交"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {kind === 'designate' && (
        <Typography.Paragraph type="secondary">
          存在争议的，经区委政法委、区公安局、区信访办等部门会商后指定管辖。
        </Typography.Paragraph>
      )}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ accept: true }}>
        {kind === 'answer' ? (
          <Form.Item name="accept" label="答复" rules={[{ required: true }]}>
            <Select
              options={[
                { value: true, label: '接收' },
                { value: false, label: '拒绝' },
              ]}
            />
          </Form.Item>
        ) : (
          <Form.Item name="townId" label="指定管辖镇（街道）" rules={[{ required: true, message: '请选择镇（街道）' }]}>
            <TownSelect />
          </Form.Item>
        )}
        <Form.Item
          name="reason"
          label="理由"
          rules={[{ required: true, whitespace: true, message: '请填写理由' }, { max: 1000 }]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
