import { CATEGORIES, INDICATOR_LABELS, INDICATORS, type Indicator, LEVEL_LABELS } from '@anxin/shared';
import { Checkbox, Typography } from 'antd';
import { categoryLabel, categoryShortLabel } from '../labels';

interface ListProps<T extends string> {
  value?: T[];
  onChange?: (value: T[]) => void;
  disabled?: boolean;
}

/** 排查情形 C1–C8 in the plan's wording, one per line so it reads on a phone. */
export function CategoryChecklist({ value, onChange, disabled }: ListProps<string>) {
  return (
    <Checkbox.Group
      className="checklist"
      value={value}
      disabled={disabled}
      onChange={(next) => onChange?.(next as string[])}
      options={CATEGORIES.map((category) => ({
        value: category,
        label: `${categoryShortLabel(category)}：${categoryLabel(category)}`,
      }))}
    />
  );
}

const LEVELS = [1, 2, 3] as const;

/** The observed behaviour of §四(一)2(3), as one checklist per level. */
export function IndicatorChecklists({ value = [], onChange, disabled }: ListProps<Indicator>) {
  const toggle = (level: number, checked: Indicator[]) => {
    const others = value.filter((indicator) => INDICATOR_LABELS[indicator].level !== level);
    // Keep the plan's order whatever order the boxes were ticked in.
    onChange?.(INDICATORS.filter((indicator) => others.includes(indicator) || checked.includes(indicator)));
  };
  return (
    <div className="indicator-groups">
      {LEVELS.map((level) => (
        <div key={level} className="indicator-group" data-testid={`indicators-level-${level}`}>
          <Typography.Text strong>{LEVEL_LABELS[level]}</Typography.Text>
          <Checkbox.Group
            className="checklist"
            disabled={disabled}
            value={value.filter((indicator) => INDICATOR_LABELS[indicator].level === level)}
            onChange={(checked) => toggle(level, checked as Indicator[])}
            options={INDICATORS.filter((indicator) => INDICATOR_LABELS[indicator].level === level).map((indicator) => ({
              value: indicator,
              label: INDICATOR_LABELS[indicator].label,
            }))}
          />
        </div>
      ))}
    </div>
  );
}
