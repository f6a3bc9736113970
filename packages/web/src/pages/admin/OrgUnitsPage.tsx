import { PlusOutlined } from '@ant-design/icons';
import { ORG_KIND_LABELS, type OrgUnit, type PutWebhookBody, putWebhookBody } from '@anxin/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Descriptions,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Switch,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { applyApiError, schemaRule } from '../../components/forms';
import { QueryError } from '../../components/QueryError';
import { buildOrgTree, type OrgTreeNode, useOrgUnits } from '../../orgUnits';
import { remindersApi, type Webhook, webhookQueryKey } from '../../remindersApi';
import { can, useMe } from '../../session';
import { formatDateTime } from '../../time';
import { kindsUnder, type OrgUnitEditTarget, OrgUnitFormModal } from './OrgUnitFormModal';

const FORMAT_OPTIONS = [
  { value: 'robot', label: '企业微信 / 钉钉群机器人' },
  { value: 'json', label: 'JSON（短信网关等）' },
] as const;

function WebhookStatus({ hook }: { hook: Webhook }) {
  return (
    <Descriptions size="small" column={1} bordered data-testid="webhook-status">
      <Descriptions.Item label="当前地址">
        <span className="mono">{hook.urlMasked}</span>
      </Descriptions.Item>
      <Descriptions.Item label="格式">{FORMAT_OPTIONS.find((o) => o.value === hook.format)?.label}</Descriptions.Item>
      <Descriptions.Item label="状态">
        {hook.enabled ? <Tag color="green">已启用</Tag> : <Tag>已停用</Tag>}
      </Descriptions.Item>
      <Descriptions.Item label="最近成功推送">{formatDateTime(hook.lastDeliveryAt)}</Descriptions.Item>
      {hook.lastError && (
        <Descriptions.Item label="最近错误">
          <Typography.Text type="danger">{hook.lastError}</Typography.Text>
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}

/**
 * 推送设置: the unit's webhook. The full address is write-only: the server shows back only its
 * scheme and host (the rest may hold a robot's key), so saving asks for the whole address again.
 */
function WebhookModal({ unit, onClose }: { unit: OrgUnit; onClose: () => void }) {
  const [form] = Form.useForm<PutWebhookBody>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const queryKey = webhookQueryKey(unit.id);
  const query = useQuery({ queryKey, queryFn: ({ signal }) => remindersApi.webhook(unit.id, signal) });
  const hook = query.data ?? null;

  const act = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await work();
      await queryClient.invalidateQueries({ queryKey });
      message.success(done);
    } catch (error) {
      const rest = applyApiError(form, error, ['url', 'format', 'enabled']);
      if (rest) message.error(rest);
    } finally {
      setBusy(false);
    }
  };

  const save = (values: PutWebhookBody) =>
    act(async () => {
      await remindersApi.putWebhook(unit.id, { ...values, url: values.url.trim() });
      form.resetFields(['url']);
    }, '已保存');

  return (
    <Modal
      open
      title={`推送设置：${unit.name}`}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Space>
          {hook && (
            <Popconfirm
              title="删除该单位的推送设置？"
              okText="删除"
              cancelText="取消"
              onConfirm={() => act(() => remindersApi.deleteWebhook(unit.id), '已删除')}
            >
              <Button danger disabled={busy}>
                删除
              </Button>
            </Popconfirm>
          )}
          {hook?.enabled && (
            <Button
              disabled={busy}
              onClick={() => act(() => remindersApi.testWebhook(unit.id), '测试消息已加入发送队列，几秒后刷新查看结果')}
            >
              发送测试
            </Button>
          )}
          <Button onClick={onClose}>关闭</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="webhook-save">
            保存
          </Button>
        </Space>
      }
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="本单位收到通知和每日待办提醒（每天 8:00）时，同时推送到该地址。推送内容不含人员姓名、身份证号等个人信息，只提示事项类别与单位，请登录系统查看详情。"
      />
      {query.error ? (
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      ) : hook ? (
        <WebhookStatus hook={hook} />
      ) : (
        !query.isLoading && <Typography.Paragraph type="secondary">该单位尚未设置推送。</Typography.Paragraph>
      )}
      <Form<PutWebhookBody>
        form={form}
        layout="vertical"
        style={{ marginTop: 16 }}
        initialValues={{ format: hook?.format ?? 'robot', enabled: hook?.enabled ?? true }}
        key={hook ? `${hook.format}-${hook.enabled}` : 'new'}
        onFinish={save}
      >
        <Form.Item
          name="url"
          label="推送地址"
          extra={
            hook
              ? '保存后只显示协议和主机；修改设置须重新填写完整地址。'
              : '机器人的 Webhook 地址，或短信网关的接收地址'
          }
          rules={[
            { required: true, whitespace: true, message: '请输入推送地址' },
            schemaRule(putWebhookBody.shape.url),
          ]}
        >
          <Input
            placeholder="https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…"
            className="mono"
            autoComplete="off"
          />
        </Form.Item>
        <Form.Item name="format" label="推送格式">
          <Select options={[...FORMAT_OPTIONS]} />
        </Form.Item>
        <Form.Item name="enabled" label="启用" valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 系统管理 › 组织机构: the tree of units in scope, built from the flat list. */
export function OrgUnitsPage() {
  const me = useMe();
  const query = useOrgUnits();
  const [target, setTarget] = useState<OrgUnitEditTarget | null>(null);
  const [webhookUnit, setWebhookUnit] = useState<OrgUnit | null>(null);
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
      width: 250,
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
          {can(me, 'webhooks.manage') && (
            <Button type="link" size="small" onClick={() => setWebhookUnit(node.unit)}>
              推送设置
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
      {webhookUnit && <WebhookModal unit={webhookUnit} onClose={() => setWebhookUnit(null)} />}
    </div>
  );
}
