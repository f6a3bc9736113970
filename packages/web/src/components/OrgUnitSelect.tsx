import { Select, TreeSelect } from 'antd';
import { useMemo } from 'react';
import { buildOrgTree, isResidentialUnit, type OrgTreeNode, orgUnitLabel, useOrgUnits } from '../orgUnits';

interface SelectProps {
  value?: string;
  onChange?: (value: string | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
}

/** A village or community, searchable by name: what 户籍地 and 居住地 refer to. */
export function ResidentialUnitSelect({ placeholder = '请选择村（社区）', allowClear = true, ...rest }: SelectProps) {
  const { data: units = [], isLoading } = useOrgUnits();
  const options = useMemo(
    () =>
      units
        .filter(isResidentialUnit)
        .map((unit) => ({ value: unit.id, label: unit.name }))
        .sort((a, b) => a.label.localeCompare(b.label, 'zh-CN')),
    [units],
  );
  return (
    <Select
      {...rest}
      showSearch={{ optionFilterProp: 'label' }}
      allowClear={allowClear}
      loading={isLoading}
      placeholder={placeholder}
      options={options}
    />
  );
}

interface TreeOption {
  value: string;
  title: string;
  children?: TreeOption[];
}

function toTreeOptions(nodes: OrgTreeNode[]): TreeOption[] {
  return nodes.map((node) => ({
    value: node.unit.id,
    title: orgUnitLabel(node.unit),
    children: node.children ? toTreeOptions(node.children) : undefined,
  }));
}

/** Any org unit in scope, picked from the tree. */
export function OrgUnitTreeSelect({ placeholder = '请选择单位', allowClear = false, ...rest }: SelectProps) {
  const { data: units = [], isLoading } = useOrgUnits();
  const treeData = useMemo(() => toTreeOptions(buildOrgTree(units)), [units]);
  return (
    <TreeSelect
      {...rest}
      showSearch={{ treeNodeFilterProp: 'title' }}
      allowClear={allowClear}
      loading={isLoading}
      placeholder={placeholder}
      treeData={treeData}
      treeDefaultExpandAll
      popupMatchSelectWidth={false}
    />
  );
}

interface MultiSelectProps {
  value?: string[];
  onChange?: (value: string[]) => void;
  placeholder?: string;
  testId?: string;
}

/** 责任单位: departments and villages (communities), grouped, several at once. */
export function ResponsibleUnitsSelect({ placeholder = '请选择责任单位', testId, ...rest }: MultiSelectProps) {
  const { data: units = [], isLoading } = useOrgUnits();
  const options = useMemo(() => {
    const byName = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label, 'zh-CN');
    const option = (unit: (typeof units)[number]) => ({ value: unit.id, label: unit.name });
    return [
      {
        label: '部门',
        title: '部门',
        options: units
          .filter((unit) => unit.kind === 'department')
          .map(option)
          .sort(byName),
      },
      { label: '村（社区）', title: '村（社区）', options: units.filter(isResidentialUnit).map(option).sort(byName) },
    ].filter((group) => group.options.length > 0);
  }, [units]);
  return (
    <Select
      {...rest}
      mode="multiple"
      showSearch={{ optionFilterProp: 'label' }}
      loading={isLoading}
      placeholder={placeholder}
      options={options}
      data-testid={testId}
    />
  );
}

/** A town (镇/街道) in scope: what a meeting, a case's jurisdiction and a transfer refer to. */
export function TownSelect({
  placeholder = '请选择镇（街道）',
  exclude,
  testId,
  ...rest
}: SelectProps & { exclude?: string; testId?: string }) {
  const { data: units = [], isLoading } = useOrgUnits();
  const options = useMemo(
    () =>
      units
        .filter((unit) => unit.kind === 'town' && unit.id !== exclude)
        .map((unit) => ({ value: unit.id, label: unit.name }))
        .sort((a, b) => a.label.localeCompare(b.label, 'zh-CN')),
    [units, exclude],
  );
  return (
    <Select
      {...rest}
      showSearch={{ optionFilterProp: 'label' }}
      loading={isLoading}
      placeholder={placeholder}
      options={options}
      notFoundContent="您的辖区内没有可选的镇（街道）"
      data-testid={testId}
    />
  );
}
