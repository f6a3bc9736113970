import type { Interval } from '@anxin/shared';
import { InputNumber, Select, Space } from 'antd';
import { useState } from 'react';

type Unit = 'days' | 'months';

const UNIT_OPTIONS = [
  { value: 'days', label: '天' },
  { value: 'months', label: '个月' },
];

/**
 * An interval of the policy: "每 [7] [天]" or "每 [1] [个月]". Clearing the number means the
 * obligation does not apply (where the field allows it).
 */
export function IntervalInput({
  value,
  onChange,
  placeholder = '不要求',
  testId,
}: {
  value?: Interval;
  onChange?: (value: Interval | undefined) => void;
  placeholder?: string;
  testId?: string;
}) {
  const [unit, setUnit] = useState<Unit>(value?.months !== undefined ? 'months' : 'days');
  const count = value?.days ?? value?.months ?? null;
  const emit = (nextCount: number | null, nextUnit: Unit) =>
    onChange?.(nextCount === null ? undefined : ({ [nextUnit]: nextCount } as Interval));

  return (
    <Space.Compact className="interval-input" data-testid={testId}>
      <InputNumber<number>
        min={1}
        precision={0}
        prefix="每"
        placeholder={placeholder}
        value={count}
        onChange={(next) => emit(next ?? null, unit)}
        className="interval-count"
      />
      <Select<Unit>
        value={unit}
        options={UNIT_OPTIONS}
        onChange={(next) => {
          setUnit(next);
          emit(count, next);
        }}
        className="interval-unit"
      />
    </Space.Compact>
  );
}
