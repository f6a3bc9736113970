// The rules of 督导检查 and 责任倒查 that need no database: date checks, the state of a
// rectification item, which status changes are allowed, and the reproducible random sample.
import { fieldLabel, OVERSIGHT_LABELS, type RectificationStatus, SAMPLE_VISIT_DAYS } from '@anxin/shared';
import { addDays, daysBetween } from '../../lib/dates.js';

export interface FieldProblem {
  field: string;
  message: string;
}

const label = (path: (string | number)[]) => fieldLabel(path, OVERSIGHT_LABELS);

/** No inspection is dated before this (the policy's own first day); year 0 is no PostgreSQL date. */
const EARLIEST_INSPECTION = '2000-01-01';

/**
 * The inspection date is not in the future nor before 2000, and no rectification is due before it (a due date
 * in the past is allowed: an inspection recorded after the fact may already be overdue).
 * Returns the first problem, naming the field as the web form does (`rectifications.1.dueOn`).
 */
export function inspectionDateProblem(
  inspectedOn: string,
  rectifications: readonly { dueOn: string }[],
  today: string,
): FieldProblem | null {
  if (inspectedOn > today) {
    return { field: 'inspectedOn', message: `${label(['inspectedOn'])}：不能晚于今天（${today}）` };
  }
  if (inspectedOn < EARLIEST_INSPECTION) {
    return { field: 'inspectedOn', message: `${label(['inspectedOn'])}：不能早于${EARLIEST_INSPECTION}` };
  }
  const early = rectifications.findIndex((r) => r.dueOn < inspectedOn);
  if (early >= 0) {
    return {
      field: `rectifications.${early}.dueOn`,
      message: `${label(['rectifications', early, 'dueOn'])}：不能早于检查日期（${inspectedOn}）`,
    };
  }
  return null;
}

/** Overdue is derived when read: open and due before today (Beijing), never stored. */
export function rectificationState(row: { status: string; dueOn: string }, today: string) {
  const overdue = row.status === 'open' && row.dueOn < today;
  return { overdue, overdueDays: overdue ? daysBetween(row.dueOn, today) : 0 };
}

export type RectificationChange =
  | { kind: 'complete'; doneOn: string }
  | { kind: 'reopen' }
  | { kind: 'note' }
  | { kind: 'forbidden'; message: string };

/**
 * What a PATCH does: open → done completes it today; done → open reopens it (only those who
 * inspect may: the inspected unit cannot undo its own completion), clearing the done date; the
 * same status again only changes the note.
 */
export function rectificationChange(
  current: RectificationStatus,
  requested: RectificationStatus,
  mayReopen: boolean,
  today: string,
): RectificationChange {
  if (current === requested) return { kind: 'note' };
  if (requested === 'done') return { kind: 'complete', doneOn: today };
  if (!mayReopen) return { kind: 'forbidden', message: '只有督导检查人员可以退回已整改的事项' };
  return { kind: 'reopen' };
}

/** The visits sample's window: the last 30 days, today included. */
export function sampleWindow(today: string): { from: string; to: string } {
  return { from: addDays(today, -(SAMPLE_VISIT_DAYS - 1)), to: today };
}

/** 32-bit FNV-1a of a string: turns a seed text into the generator's state. */
function hashSeed(seed: string): number {
  let hash = 0x811c9dc5;
  for (const char of seed) {
    hash ^= char.codePointAt(0) as number;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** mulberry32: a small, fast generator of numbers in [0, 1), the same for the same seed. */
export function seededRandom(seed: string): () => number {
  let state = hashSeed(seed);
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `n` items drawn without replacement, uniformly, by a partial Fisher–Yates shuffle driven by the
 * seed: the same seed and the same population (in the same order) give the same sample.
 */
export function drawSample<T>(population: readonly T[], n: number, seed: string): T[] {
  const pool = [...population];
  const take = Math.min(n, pool.length);
  const random = seededRandom(seed);
  for (let i = 0; i < take; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j] as T, pool[i] as T];
  }
  return pool.slice(0, take);
}

/** A fresh seed when the inspector gives none: 8 characters, shown back so the draw can be repeated. */
export function newSeed(): string {
  return crypto.randomUUID().replaceAll('-', '').slice(0, 8);
}

/** The first duplicate in a list of ids, or -1. */
export function firstDuplicate(ids: readonly string[]): number {
  return ids.findIndex((value, i) => ids.indexOf(value) !== i);
}
