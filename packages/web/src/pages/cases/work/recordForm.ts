import type { CaseDetail } from '@anxin/shared';
import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError } from '../../../api';

/** The forms a link may open on the case page: `/cases/:id?record=assessment_report` (the dashboard's links). */
export type RecordForm =
  | 'assessment_report'
  | 'daily_report'
  | 'watch_log'
  | 'emergency_plan'
  | 'responsibility_letter';

/**
 * Whether one record form is open. The state lives in the URL (`?record=`), so the dashboard's
 * links open it and closing it leaves a clean address; `allowed` keeps it shut for users who may not record.
 */
export function useRecordForm(kind: RecordForm, allowed: boolean): [boolean, (open: boolean) => void] {
  const [params, setParams] = useSearchParams();
  const open = allowed && params.get('record') === kind;
  const setOpen = useCallback(
    (next: boolean) =>
      setParams(
        (previous) => {
          const copy = new URLSearchParams(previous);
          if (next) copy.set('record', kind);
          else copy.delete('record');
          return copy;
        },
        { replace: true },
      ),
    [kind, setParams],
  );
  return [open, setOpen];
}

/** The case detail with its service team and obligations (issue 4). */
export type CaseWithWork = CaseDetail;

/** A failed call as one line for an alert: the field messages when the server gave them, else its message. */
export function problemText(error: unknown): string {
  if (!(error instanceof ApiError)) return '操作失败，请稍后再试';
  const details = error.details.map((detail) => detail.message).filter(Boolean);
  return details.length > 0 ? [...new Set(details)].join('；') : error.message;
}
