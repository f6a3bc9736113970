// What a webhook receives. It goes to a third party (WeCom/DingTalk servers, an SMS gateway), so
// it carries no personal data: no names, no ID numbers, no free text written by users — only the
// kind of notice, the unit it is for and, for the daily reminder, counts.

import { DECISION_OUTCOME_LABELS, type DecisionOutcome } from '@anxin/shared';
import { redactText } from '../../lib/logger.js';

export const WEBHOOK_TEST_KIND = 'webhook.test';
export const DAILY_REMINDER_KIND = 'reminder.daily';

const KIND_LABELS: Record<string, string> = {
  'case.emergency_listed': '紧急列管通知',
  'transfer.requested': '案件移交申请',
  'transfer.accepted': '案件移交已接收',
  'transfer.refused': '案件移交被拒绝',
  'transfer.designated': '指定管辖通知',
  'alert.raised': '警情（请立即处置）',
  'alert.team_notified': '警情通报（服务管理小组）',
  'team.incomplete': '服务管理小组须调整',
  'inspection.created': '督导检查整改通知',
  'service.assigned': '帮扶服务交办',
  'grievance.assigned': '矛盾诉求交办',
  [DAILY_REMINDER_KIND]: '每日待办提醒',
  [WEBHOOK_TEST_KIND]: '推送测试',
};

/** The Chinese name of a notice kind, without anything about the person concerned. */
export function noticeKindLabel(kind: string): string {
  const known = KIND_LABELS[kind];
  if (known) return known;
  if (kind.startsWith('decision.')) {
    const outcome = DECISION_OUTCOME_LABELS[kind.slice('decision.'.length) as DecisionOutcome];
    return outcome ? `研判决定（${outcome}）` : '研判决定';
  }
  return '新通知';
}

/** The stored outbox payload: format-neutral, rendered for the unit's format when sent. */
export interface WebhookMessage {
  kind: string;
  title: string;
  orgUnitId: string;
  createdAt: string;
  content: string;
}

/**
 * The message for one unit. `detail` is extra text known to be free of personal data (the daily
 * reminder's counts); a notice's own title and body are never used, as they name the person.
 */
export function webhookMessage(
  notice: { kind: string; detail?: string },
  unit: { id: string; name: string },
  createdAt: string,
): WebhookMessage {
  const title = noticeKindLabel(notice.kind);
  const detail = notice.detail ? `：${notice.detail}` : '';
  return {
    kind: notice.kind,
    title,
    orgUnitId: unit.id,
    createdAt,
    content: `【安心】${unit.name}：${title}${detail} — 请登录安心系统查看`,
  };
}

/** The request body for a format: robot = WeCom/DingTalk text message; json = the message itself. */
export function renderWebhookBody(format: string, message: WebhookMessage): string {
  if (format === 'robot') return JSON.stringify({ msgtype: 'text', text: { content: message.content } });
  return JSON.stringify({
    kind: message.kind,
    title: message.title,
    orgUnitId: message.orgUnitId,
    createdAt: message.createdAt,
    content: message.content,
  });
}

/** Only scheme and host are shown back: the path and query may hold a robot's key. */
export function maskWebhookUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}/…`;
}

/**
 * An error text fit to store and log: the URL (and each of its parts that could be a key) removed,
 * ID and phone numbers redacted, bounded in length.
 */
export function safeErrorText(text: string, url: string): string {
  let out = text;
  try {
    const parsed = new URL(url);
    const secrets = [url, parsed.pathname + parsed.search, parsed.search, ...parsed.searchParams.values()];
    for (const secret of secrets.filter((s) => s.length >= 4)) out = out.split(secret).join('[地址已隐藏]');
  } catch {
    out = out.split(url).join('[地址已隐藏]');
  }
  return redactText(out).slice(0, 300);
}
