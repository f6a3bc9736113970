import type { OrgUnit } from '@anxin/shared';
import { Select } from 'antd';
import { useMemo } from 'react';
import { useOrgUnits } from '../../orgUnits';

const KINDS: readonly OrgUnit['kind'][] = ['town', 'village', 'community'];

/** What an inspection is of: a town (镇街) or a village (community), in the caller's jurisdiction. */
export function InspectedUnitSelect({
  value,
  onChange,
  placeholder = '请选择村（社区）或镇（街道）',
  allowClear = false,
  className,
  testId,
  id,
}: {
  value?: string;
  onChange?: (value: string | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  className?: string;
  testId?: string;
  id?: string;
}) {
  const { data: units = [], isLoading } = useOrgUnits();
  const options = useMemo(() => {
    const towns = units.filter((unit) => unit.kind === 'town');
    const byName = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label, 'zh-CN');
    // Grouped by town, the town itself first; a village whose town is out of view goes under 其他.
    const groups = towns
      .map((town) => ({
        label: town.name,
        title: town.name,
        options: [
          { value: town.id, label: `${town.name}（全镇）` },
          ...units
            .filter((unit) => unit.parentId === town.id && KINDS.includes(unit.kind))
            .map((unit) => ({ value: unit.id, label: unit.name }))
            .sort(byName),
        ],
      }))
      .sort(byName);
    const grouped = new Set(groups.flatMap((group) => group.options.map((option) => option.value)));
    const rest = units
      .filter((unit) => KINDS.includes(unit.kind) && !grouped.has(unit.id))
      .map((unit) => ({ value: unit.id, label: unit.name }))
      .sort(byName);
    return rest.length > 0 ? [...groups, { label: '其他', title: '其他', options: rest }] : groups;
  }, [units]);
  return (
    <Select
      id={id}
      value={value}
      onChange={onChange}
      showSearch={{ optionFilterProp: 'label' }}
      allowClear={allowClear}
      loading={isLoading}
      placeholder={placeholder}
      options={options}
      className={className}
      notFoundContent="辖区内没有可选的村（社区）或镇（街道）"
      data-testid={testId}
    />
  );
}
