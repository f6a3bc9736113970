import { describe, expect, it } from 'vitest';
import {
  maskWebhookUrl,
  noticeKindLabel,
  renderWebhookBody,
  safeErrorText,
  webhookMessage,
} from './webhook-payload.js';

const unit = { id: '00000000-0000-4000-8000-000000000020', name: '演示镇平安办' };
const ROBOT_URL = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa';

describe('webhook messages', () => {
  it('names the kind of notice and the unit, never the notice title', () => {
    const message = webhookMessage({ kind: 'decision.list' }, unit, '2026-11-29T10:00:00.000+08:00');
    expect(message).toEqual({
      kind: 'decision.list',
      title: '研判决定（列管）',
      orgUnitId: unit.id,
      createdAt: '2026-11-29T10:00:00.000+08:00',
      content: '【安心】演示镇平安办：研判决定（列管） — 请登录安心系统查看',
    });
  });

  it('labels every kind the services send, and unknown kinds neutrally', () => {
    expect(noticeKindLabel('case.emergency_listed')).toBe('紧急列管通知');
    expect(noticeKindLabel('transfer.requested')).toBe('案件移交申请');
    expect(noticeKindLabel('decision.delist')).toBe('研判决定（撤销列管）');
    expect(noticeKindLabel('decision.unknown')).toBe('研判决定');
    expect(noticeKindLabel('something.else')).toBe('新通知');
  });

  it('renders the robot format WeCom and DingTalk accept, and the plain JSON format', () => {
    const message = webhookMessage({ kind: 'reminder.daily', detail: '已逾期：随访 1 项' }, unit, 'T');
    expect(JSON.parse(renderWebhookBody('robot', message))).toEqual({
      msgtype: 'text',
      text: { content: '【安心】演示镇平安办：每日待办提醒：已逾期：随访 1 项 — 请登录安心系统查看' },
    });
    expect(JSON.parse(renderWebhookBody('json', message))).toEqual(message);
  });
});

describe('webhook URL secrecy', () => {
  it('shows scheme and host only', () => {
    expect(maskWebhookUrl(ROBOT_URL)).toBe('https://qyapi.weixin.qq.com/…');
    expect(maskWebhookUrl('http://10.0.0.5:8080/sms?token=abc')).toBe('http://10.0.0.5:8080/…');
  });

  it('keeps the URL, its path and its key out of stored errors', () => {
    const text = safeErrorText(`failed ${ROBOT_URL} key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa 13800000001`, ROBOT_URL);
    expect(text).not.toContain('693a91f6');
    expect(text).not.toContain('/cgi-bin/webhook/send');
    expect(text).not.toContain('13800000001');
  });
});
