import {
  GENDER_LABELS,
  GENDERS,
  ID_NUMBER_MESSAGES,
  idNumberProblem,
  NEED_TO_KNOW_LABELS,
  NEED_TO_KNOW_MASK,
  NEED_TO_KNOW_MAX,
  type PersonDetail,
  phone,
} from '@anxin/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Divider, Form, Input, Radio, Result, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ApiError, api } from '../../api';
import { applyApiError, schemaRule } from '../../components/forms';
import { ResidentialUnitSelect } from '../../components/OrgUnitSelect';
import { QueryError } from '../../components/QueryError';
import {
  NOTE_FIELDS,
  notesVisible,
  PERSON_FORM_FIELDS,
  type PersonFormValues,
  toCreateBody,
  toFormValues,
  toUpdateBody,
} from './personForm';

const STALE_MESSAGE = '记录已被他人修改，请刷新后重试';

const NOTE_PLACEHOLDERS = {
  healthNotes: '如：身心健康状况、诊疗情况',
  criminalRecord: '如：违法犯罪、刑满释放情况',
  familyConflict: '如：家庭矛盾纠纷的由来和现状',
};

/**
 * The need-to-know notes: editable on a new person and for those who may read them; for everyone
 * else an explanation instead of the fields (their changes would be refused).
 */
function NoteFields({ person }: { person?: PersonDetail }) {
  const restricted = person !== undefined && !notesVisible(person);
  return (
    <>
      <Divider titlePlacement="start" plain>
        敏感信息（知悉范围受限）
      </Divider>
      {restricted ? (
        <Alert
          type="info"
          showIcon
          className="form-alert"
          title={`健康状况、违法犯罪记录、家庭矛盾：${NEED_TO_KNOW_MASK}，您无法查看或修改。`}
          data-testid="person-notes-restricted"
        />
      ) : (
        <>
          <Typography.Paragraph type="secondary">
            以下信息加密保存，{NEED_TO_KNOW_MASK}；其他人员看到的是“受限”提示。只填写工作必需的内容。
          </Typography.Paragraph>
          {NOTE_FIELDS.map((field) => (
            <Form.Item key={field} name={field} label={NEED_TO_KNOW_LABELS[field]} rules={[{ max: NEED_TO_KNOW_MAX }]}>
              <Input.TextArea rows={3} placeholder={NOTE_PLACEHOLDERS[field]} data-testid={`person-${field}`} />
            </Form.Item>
          ))}
        </>
      )}
    </>
  );
}

/** /persons/new and /persons/:id/edit. */
export function PersonFormPage() {
  const { id } = useParams();
  const person = useQuery({
    queryKey: ['person', id],
    queryFn: ({ signal }) => api.person(id as string, signal),
    enabled: id !== undefined,
  });
  if (id === undefined) return <PersonForm />;
  if (person.error) return <QueryError error={person.error} onRetry={() => person.refetch()} />;
  if (!person.data) return <Spin className="page-spin" />;
  if (!person.data.abilities.update) return <Result status="403" title="无权修改" subTitle="您无权修改该人员的档案" />;
  // Remount on a new version so the form starts again from what the server holds now.
  return <PersonForm key={person.data.version} person={person.data} onReload={() => person.refetch()} />;
}

function PersonForm({ person, onReload }: { person?: PersonDetail; onReload?: () => void }) {
  const [form] = Form.useForm<PersonFormValues>();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [submitting, setSubmitting] = useState(false);
  const [stale, setStale] = useState<string | null>(null);
  const editing = person !== undefined;

  const submit = async (values: PersonFormValues) => {
    setSubmitting(true);
    setStale(null);
    try {
      let id: string;
      if (person) {
        const body = toUpdateBody(values, person);
        if (Object.keys(body).length === 1) {
          message.info('没有需要保存的修改');
          navigate(`/persons/${person.id}`);
          return;
        }
        await api.updatePerson(person.id, body);
        id = person.id;
      } else {
        id = (await api.createPerson(toCreateBody(values))).id;
      }
      await queryClient.invalidateQueries({ queryKey: ['persons'] });
      await queryClient.invalidateQueries({ queryKey: ['person', id] });
      message.success(editing ? '已保存' : '已新增人员');
      navigate(`/persons/${id}`, { replace: !editing });
    } catch (error) {
      if (editing && error instanceof ApiError && error.status === 409) {
        setStale(error.message || STALE_MESSAGE);
        return;
      }
      // A duplicate ID number is a 409 on create; it belongs under that field.
      if (!editing && error instanceof ApiError && error.status === 409 && error.details.length === 0) {
        form.setFields([{ name: 'idNumber', errors: [error.message] }]);
        return;
      }
      const rest = applyApiError(form, error, PERSON_FORM_FIELDS);
      if (rest) message.error(rest);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div>
      <div className="page-heading">
        <Typography.Title level={4}>{editing ? `编辑人员：${person.name}` : '新增人员'}</Typography.Title>
      </div>
      {stale && (
        <Alert
          type="warning"
          showIcon
          className="form-alert"
          title={stale}
          action={
            <Button size="small" onClick={onReload}>
              刷新
            </Button>
          }
        />
      )}
      <Card>
        <Form<PersonFormValues>
          form={form}
          layout="vertical"
          className="person-form"
          initialValues={person ? toFormValues(person) : undefined}
          onFinish={submit}
          scrollToFirstError
        >
          <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true }, { max: 32 }]}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="idNumber"
            label="身份证号"
            extra={editing ? '身份证号不可修改' : undefined}
            validateFirst
            rules={
              editing
                ? []
                : [
                    { required: true, whitespace: true },
                    {
                      validator: async (_rule, value: string | undefined) => {
                        const problem = value ? idNumberProblem(value) : null;
                        if (problem) throw new Error(ID_NUMBER_MESSAGES[problem]);
                      },
                    },
                  ]
            }
          >
            <Input disabled={editing} maxLength={18} autoComplete="off" className="mono" />
          </Form.Item>
          <Form.Item name="gender" label="性别">
            <Radio.Group options={GENDERS.map((gender) => ({ value: gender, label: GENDER_LABELS[gender] }))} />
          </Form.Item>
          <Form.Item name="phone" label="联系电话" rules={[schemaRule(phone)]}>
            <Input inputMode="tel" autoComplete="off" />
          </Form.Item>
          <Form.Item name="householdOrgUnitId" label="户籍地" rules={[{ required: true, message: '请选择户籍地' }]}>
            <ResidentialUnitSelect allowClear={false} />
          </Form.Item>
          <Form.Item
            name="householdAddress"
            label="户籍地址"
            rules={[{ required: true, whitespace: true }, { max: 200 }]}
          >
            <Input />
          </Form.Item>
          <Form.Item name="residenceOrgUnitId" label="居住地" extra="实际居住地，与户籍地相同可不填">
            <ResidentialUnitSelect />
          </Form.Item>
          <Form.Item name="residenceAddress" label="居住地址" rules={[{ max: 200 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="occupation" label="职业" rules={[{ max: 64 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="familyContacts" label="家庭联系人" rules={[{ max: 500 }]}>
            <Input.TextArea rows={3} placeholder="姓名、关系、联系电话" />
          </Form.Item>
          <NoteFields person={person} />
          <Space>
            <Button type="primary" htmlType="submit" loading={submitting} data-testid="person-submit">
              保存
            </Button>
            <Button onClick={() => navigate(-1)}>取消</Button>
          </Space>
        </Form>
      </Card>
    </div>
  );
}
