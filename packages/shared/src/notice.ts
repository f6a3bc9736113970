// 告知 (the notice to the person, PIPL Art. 35), 异议 (the person's objections) and the need-to-know
// notes of a person's file (健康状况, 违法犯罪记录, 家庭矛盾).
import { z } from 'zod';
import { abilities, id, isoDate, text } from './common.js';

// ── 告知 ────────────────────────────────────────────────────────────────────────────────────

/** pending: not yet recorded (every new listing starts so); informed; or an exception applies. */
export const NOTICE_STATUSES = ['pending', 'informed', 'exception'] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];
export const NOTICE_STATUS_LABELS: Record<NoticeStatus, string> = {
  pending: '待告知',
  informed: '已告知本人',
  exception: '依法不予告知',
};

/**
 * The two exceptions of PIPL Art. 35: the cases of Art. 18(1) (laws or administrative regulations
 * require confidentiality or no notice), or notice would impede the performance of the duty.
 */
export const NOTICE_EXCEPTIONS = ['statutory_confidentiality', 'impede_duty'] as const;
export type NoticeException = (typeof NOTICE_EXCEPTIONS)[number];
export const NOTICE_EXCEPTION_LABELS: Record<NoticeException, string> = {
  statutory_confidentiality: '法律、行政法规规定应当保密或者不需要告知（个人信息保护法第十八条第一款）',
  impede_duty: '告知将妨碍履行法定职责（个人信息保护法第三十五条）',
};

/** PUT /api/cases/:id/notice. `exception` is required exactly when status is `exception`. */
export const putNoticeBody = z.strictObject({
  status: z.enum(['informed', 'exception']),
  exception: z.enum(NOTICE_EXCEPTIONS).optional(),
  /** The day the person was informed, or the day the exception was decided: not in the future, not before listing. */
  on: isoDate,
  note: text(1000).optional(),
  /** The case's version as read; a stale one answers 409. */
  version: z.number().int().min(1),
});
export type PutNoticeBody = z.infer<typeof putNoticeBody>;

export const caseNotice = z.object({
  status: z.enum(NOTICE_STATUSES),
  exception: z.enum(NOTICE_EXCEPTIONS).nullable(),
  on: z.string().nullable(),
  note: z.string().nullable(),
  /** Who recorded the notice or decided the exception. */
  decidedBy: id.nullable(),
  decidedByName: z.string().nullable(),
  /** The case's version: send it back with a change. */
  version: z.number().int(),
  /** decide: may record the notice; recordObjection: may record an objection on this case. */
  abilities,
});
export type CaseNotice = z.infer<typeof caseNotice>;

// ── 异议 ────────────────────────────────────────────────────────────────────────────────────

export const OBJECTION_STATUSES = ['open', 'answered'] as const;
export type ObjectionStatus = (typeof OBJECTION_STATUSES)[number];
export const OBJECTION_STATUS_LABELS: Record<ObjectionStatus, string> = { open: '待答复', answered: '已答复' };

export const createObjectionBody = z.strictObject({
  /** The day the person raised it: not in the future, not before the case was proposed. */
  raisedOn: isoDate,
  content: text(2000).min(1),
});
export type CreateObjectionBody = z.infer<typeof createObjectionBody>;

/** An answer is final: an answered objection answers 409. */
export const answerObjectionBody = z.strictObject({
  answer: text(2000).min(1),
  answeredOn: isoDate,
  version: z.number().int().min(1),
});
export type AnswerObjectionBody = z.infer<typeof answerObjectionBody>;

export const objection = z.object({
  id,
  caseId: id,
  raisedOn: z.string(),
  content: z.string(),
  status: z.enum(OBJECTION_STATUSES),
  answer: z.string().nullable(),
  answeredOn: z.string().nullable(),
  answeredBy: id.nullable(),
  answeredByName: z.string().nullable(),
  recordedBy: id,
  recordedByName: z.string(),
  createdAt: z.string(),
  version: z.number().int(),
  /** answer: may answer it now (平安办 of the responsible town, while open). */
  abilities,
});
export type Objection = z.infer<typeof objection>;

/** An objection on a meeting's agenda, with whose it is. */
export const agendaObjection = objection.extend({ personId: id, personName: z.string() });
export type AgendaObjection = z.infer<typeof agendaObjection>;

// ── Need-to-know notes (知悉范围) ───────────────────────────────────────────────────────────────

/**
 * Sensitive notes of a person's file: in clear only to the team of the person's open case, the
 * peace office (平安办) and inspectors (督导); everyone else in scope gets them as null, listed in
 * `restrictedFields`.
 */
export const NEED_TO_KNOW_FIELDS = ['healthNotes', 'criminalRecord', 'familyConflict'] as const;
export type NeedToKnowField = (typeof NEED_TO_KNOW_FIELDS)[number];
export const NEED_TO_KNOW_LABELS: Record<NeedToKnowField, string> = {
  healthNotes: '健康状况',
  criminalRecord: '违法犯罪记录',
  familyConflict: '家庭矛盾',
};
/** What a reader outside the need-to-know circle is shown in place of the notes. */
export const NEED_TO_KNOW_MASK = '仅该人员服务管理小组成员、平安办、督导可见';
export const NEED_TO_KNOW_MAX = 2000;
