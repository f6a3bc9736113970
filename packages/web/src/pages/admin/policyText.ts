// The obligation policy in words, for the 工作规范 page, its editor's confirmation and the server's errors.
import {
  INTERVAL_KINDS,
  type Interval,
  OBLIGATION_KIND_LABELS,
  type ObligationKind,
  type PolicyBody,
  TEAM_UNIT_LABELS,
  type TeamUnit,
} from '@anxin/shared';

export const LEVELS = ['1', '2', '3'] as const;
export type LevelKey = (typeof LEVELS)[number];
export const LEVEL_NAMES: Record<LevelKey, string> = { '1': '一级', '2': '二级', '3': '三级' };

/** {days: 7} → 每7天, {months: 1} → 每月, none → 不要求. */
export function intervalText(value: Interval | undefined | null): string {
  if (!value) return '不要求';
  if (value.days !== undefined) return value.days === 1 ? '每天' : `每${value.days}天`;
  if (value.months !== undefined) return value.months === 1 ? '每月' : `每${value.months}个月`;
  return '不要求';
}

export function unitsText(units: readonly string[]): string {
  return units.length === 0 ? '不要求' : units.map((unit) => TEAM_UNIT_LABELS[unit as TeamUnit] ?? unit).join('、');
}

const kindLabel = (kind: string) => OBLIGATION_KIND_LABELS[kind as ObligationKind] ?? kind;

/** Each rule of a policy as [label, text], in the page's order: what the confirmation compares. */
export function policyLines(policy: PolicyBody): [string, string][] {
  const lines: [string, string][] = [];
  for (const level of LEVELS) {
    for (const kind of INTERVAL_KINDS) {
      lines.push([`${LEVEL_NAMES[level]}·${kindLabel(kind)}`, intervalText(policy.intervals[level][kind])]);
    }
  }
  lines.push(['敏感时期·间隔缩短为', `原间隔的1/${policy.sensitive.divisor}`]);
  for (const level of LEVELS) {
    for (const kind of INTERVAL_KINDS) {
      lines.push([
        `敏感时期·${LEVEL_NAMES[level]}另增${kindLabel(kind)}`,
        intervalText(policy.sensitive.extra[level][kind]),
      ]);
    }
  }
  for (const level of LEVELS)
    lines.push([`${LEVEL_NAMES[level]}·服务管理小组须有`, unitsText(policy.teamUnits[level])]);
  for (const level of LEVELS) lines.push([`${LEVEL_NAMES[level]}·定期复核`, intervalText(policy.review[level])]);
  lines.push(['管控责任书', `列管后${policy.responsibilityLetterDays}日内签订`]);
  lines.push(['应急处置预案（一级）', `列为一级后${policy.emergencyPlanDays}日内备案`]);
  lines.push(['紧急列管确认', `列管后${policy.confirmationDays}日内经研判会确认`]);
  lines.push(['警情处置·派出所出警', `警情发生后${policy.alertTargets.policeResponseMinutes}分钟内`]);
  lines.push(['警情处置·通报服务管理小组', `警情发生后${policy.alertTargets.teamNotifiedMinutes}分钟内`]);
  lines.push(['警情专项会商', specialConsultationText(policy.specialConsultationDays)]);
  return lines;
}

/** 专项会商 after an alert: "警情登记后1日内", or "警情登记当日" for 0. */
export function specialConsultationText(days: number): string {
  return days === 0 ? '警情登记当日召开' : `警情登记后${days}日内召开`;
}

/** What a new policy changes, one line per rule: "二级·随访：每7天 → 每10天". */
export function policyChanges(before: PolicyBody, after: PolicyBody): string[] {
  const old = new Map(policyLines(before));
  return policyLines(after)
    .filter(([label, text]) => old.get(label) !== text)
    .map(([label, text]) => `${label}：${old.get(label) ?? '—'} → ${text}`);
}

const PART_LABELS: Record<string, string> = {
  intervals: '工作频次',
  sensitive: '敏感时期',
  extra: '另增',
  divisor: '间隔缩短倍数',
  teamUnits: '服务管理小组须有',
  review: '定期复核',
  responsibilityLetterDays: '管控责任书期限',
  emergencyPlanDays: '应急处置预案期限',
  confirmationDays: '紧急列管确认期限',
  alertTargets: '警情处置时限',
  policeResponseMinutes: '派出所出警（分钟）',
  teamNotifiedMinutes: '通报服务管理小组（分钟）',
  specialConsultationDays: '警情专项会商期限',
  effectiveFrom: '生效日期',
  days: '天数',
  months: '月数',
};

/** A server field path (`intervals.2.visit.days`) in words (工作频次·二级·随访·天数). */
export function policyFieldLabel(field: string): string {
  return field
    .split('.')
    .map((part) => LEVEL_NAMES[part as LevelKey] ?? PART_LABELS[part] ?? kindLabel(part))
    .join('·');
}

/** What a sensitive period adds, per level: "二级人员每日会商", "三级人员联席会议每7天". */
export function sensitiveExtras(extra: PolicyBody['sensitive']['extra']): string[] {
  return LEVELS.flatMap((level) =>
    INTERVAL_KINDS.flatMap((kind) => {
      const value = extra[level][kind];
      if (!value) return [];
      const label = kindLabel(kind);
      const daily = value.days === 1 && label.startsWith('每日');
      return [`${LEVEL_NAMES[level]}人员${label}${daily ? '' : intervalText(value)}`];
    }),
  );
}
