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
