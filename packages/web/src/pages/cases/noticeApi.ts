// 告知 and 异议 on a case (PUT /api/cases/:id/notice, /api/cases/:id/objections, /api/objections/:id).
import type { AnswerObjectionBody, CaseNotice, CreateObjectionBody, Objection, PutNoticeBody } from '@anxin/shared';
import { enc, patch, post, put } from '../../http';

export const noticeApi = {
  putNotice: (caseId: string, body: PutNoticeBody) => put<CaseNotice>(`/api/cases/${enc(caseId)}/notice`, body),
  recordObjection: (caseId: string, body: CreateObjectionBody) =>
    post<Objection>(`/api/cases/${enc(caseId)}/objections`, body),
  answerObjection: (id: string, body: AnswerObjectionBody) => patch<Objection>(`/api/objections/${enc(id)}`, body),
};
