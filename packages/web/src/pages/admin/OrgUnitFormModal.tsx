import {
  createOrgUnitBody,
  ORG_KIND_LABELS,
  ORG_KINDS,
  ORG_PARENT_KINDS,
  type OrgKind,
  type OrgUnit,
} from '@anxin/shared';
import { useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { api } from '../../api';
import { applyApiError, schemaRule } from '../../components/forms';
import { OrgUnitTreeSelect } from '../../components/OrgUnitSelect';
import { ORG_UNITS_QUERY_KEY, useOrgUnits } from '../../orgUnits';

/** Either a new unit (optionally under a parent) or an existing one to rename or re-code. */
export type OrgUnitEditTarget = { mode: 'create'; parentId: string | null } | { mode: 'edit'; unit: OrgUnit };

interface Values {
  parentId?: string;
  name: string;
  kind?: OrgKind;
  code?: string;
}

const FIELDS = ['parentId', 'name', 'kind', 'code'] as const;

const needsCode = (kind: OrgKind | undefined) => kind === 'village' || kind === 'community';

/** The kinds a unit may have under this parent (null: a root). */
export function kindsUnder(parentKind: OrgKind | null): OrgKind[] {
  return ORG_KINDS.filter((kind) => ORG_PARENT_KINDS[kind].includes(parentKind));
}

export function OrgUnitFormModal({ target, onClose }: { target: OrgUnitEditTarget; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { data: units = [] } = useOrgUnits();
  const [saving, setSaving] = useState(false);
  const parentId = Form.useWatch('parentId', form);
  const kind = Form.useWatch('kind', form) ?? (target.mode === 'edit' ? target.unit.kind : undefined);
  const parentKind = parentId ? (units.find((unit) => unit.id === parentId)?.kind ?? null) : null;
  const kindOptions = kindsUnder(parentKind).map((value) => ({ value, label: ORG_KIND_LABELS[value] }));

  const initialValues: Partial<Values> =
    target.mode === 'edit'
      ? { name: target.unit.name, code: target.unit.code ?? undefined }
      : { parentId: target.parentId ?? undefined };

  const submit = async (values: Values) => {
    setSaving(true);
    try {
      const code = values.code?.trim() || undefined;
      if (target.mode === 'edit') {
        await api.updateOrgUnit(target.unit.id, { name: values.name.trim(), code });
      } else {
        await api.createOrgUnit({
          parentId: values.parentId ?? null,
          name: values.name.trim(),
          kind: values.kind as OrgKind,
          code: needsCode(values.kind) ? code : undefined,
        });
      }
      await queryClient.invalidateQueries({ queryKey: ORG_UNITS_QUERY_KEY });
      message.success('已保存');
      onClose();
    } catch (error) {
      const rest = applyApiError(form, error, FIELDS);
      if (rest) message.error(rest);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={target.mode === 'edit' ? `编辑：${target.unit.name}` : '新增组织机构'}
      okText="保存"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" initialValues={initialValues} onFinish={submit}>
        {target.mode === 'create' && (
          <>
            <Form.Item name="parentId" label="上级单位" extra="不选则为顶级单位（市或区）">
              <OrgUnitTreeSelect
                allowClear
                placeholder="顶级单位"
                onChange={() => form.setFieldValue('kind', undefined)}
              />
            </Form.Item>
            <Form.Item name="kind" label="类型" rules={[{ required: true, message: '请选择类型' }]}>
              <Select options={kindOptions} placeholder={kindOptions.length ? '请选择' : '该单位下不能再建下级'} />
            </Form.Item>
          </>
        )}
        <Form.Item name="name" label="名称" rules={[{ required: true, whitespace: true }, { max: 64 }]}>
          <Input />
        </Form.Item>
        {needsCode(kind) && (
          <Form.Item
            name="code"
            label="区划代码"
            extra="12位统计用区划代码"
            rules={[{ required: true, message: '请输入区划代码' }, schemaRule(createOrgUnitBody.shape.code)]}
          >
            <Input maxLength={12} inputMode="numeric" className="mono" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
