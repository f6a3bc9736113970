import { describe, expect, it } from 'vitest';
import {
  drawSample,
  firstDuplicate,
  inspectionDateProblem,
  rectificationChange,
  rectificationState,
  sampleWindow,
  seededRandom,
} from './oversight-rules.js';

describe('inspection dates', () => {
  const today = '2026-11-29';

  it('accepts an inspection today or earlier with items due on or after it', () => {
    expect(inspectionDateProblem(today, [{ dueOn: today }, { dueOn: '2026-12-15' }], today)).toBeNull();
    expect(inspectionDateProblem('2026-11-01', [{ dueOn: '2026-11-01' }], today)).toBeNull();
    expect(inspectionDateProblem(today, [], today)).toBeNull();
  });

  it('allows a due date already past when the inspection is recorded after the fact', () => {
    expect(inspectionDateProblem('2026-10-01', [{ dueOn: '2026-10-15' }], today)).toBeNull();
  });

  it('refuses an inspection dated tomorrow', () => {
    expect(inspectionDateProblem('2026-11-30', [], today)).toEqual({
      field: 'inspectedOn',
      message: '检查日期(inspectedOn)：不能晚于今天（2026-11-29）',
    });
  });

  it('refuses an inspection dated before 2000 (year 0 is no date in PostgreSQL)', () => {
    for (const day of ['0000-01-01', '1999-12-31']) {
      expect(inspectionDateProblem(day, [{ dueOn: '2026-12-01' }], today)).toEqual({
        field: 'inspectedOn',
        message: '检查日期(inspectedOn)：不能早于2000-01-01',
      });
    }
    expect(inspectionDateProblem('2000-01-01', [], today)).toBeNull();
  });

  it('names the first item due before the inspection date', () => {
    const problem = inspectionDateProblem(
      '2026-11-20',
      [{ dueOn: '2026-11-20' }, { dueOn: '2026-11-19' }, { dueOn: '2026-11-01' }],
      today,
    );
    expect(problem).toEqual({
      field: 'rectifications.1.dueOn',
      message: '整改事项(rectifications)·第2项·整改期限(dueOn)：不能早于检查日期（2026-11-20）',
    });
  });
});

describe('rectification state', () => {
  it('is overdue only when open and due before today', () => {
    expect(rectificationState({ status: 'open', dueOn: '2026-11-28' }, '2026-11-29')).toEqual({
      overdue: true,
      overdueDays: 1,
    });
    expect(rectificationState({ status: 'open', dueOn: '2026-11-29' }, '2026-11-29')).toEqual({
      overdue: false,
      overdueDays: 0,
    });
    expect(rectificationState({ status: 'done', dueOn: '2026-10-01' }, '2026-11-29')).toEqual({
      overdue: false,
      overdueDays: 0,
    });
  });

  it('counts days across a month end', () => {
    expect(rectificationState({ status: 'open', dueOn: '2026-10-31' }, '2026-11-02').overdueDays).toBe(2);
  });
});

describe('rectification status changes', () => {
  it('completes an open item today', () => {
    expect(rectificationChange('open', 'done', false, '2026-11-29')).toEqual({
      kind: 'complete',
      doneOn: '2026-11-29',
    });
  });

  it('lets only those who inspect reopen a done item', () => {
    expect(rectificationChange('done', 'open', true, '2026-11-29')).toEqual({ kind: 'reopen' });
    expect(rectificationChange('done', 'open', false, '2026-11-29').kind).toBe('forbidden');
  });

  it('treats the same status as a note change', () => {
    expect(rectificationChange('done', 'done', false, '2026-11-29')).toEqual({ kind: 'note' });
    expect(rectificationChange('open', 'open', false, '2026-11-29')).toEqual({ kind: 'note' });
  });
});

describe('sampling', () => {
  it('looks back 30 days, today included', () => {
    expect(sampleWindow('2026-11-29')).toEqual({ from: '2026-10-31', to: '2026-11-29' });
    expect(sampleWindow('2026-03-01')).toEqual({ from: '2026-01-31', to: '2026-03-01' });
  });

  it('draws the same sample from the same seed', () => {
    const population = Array.from({ length: 40 }, (_, i) => `v${i}`);
    const a = drawSample(population, 5, 'abc123');
    expect(drawSample(population, 5, 'abc123')).toEqual(a);
    expect(a).toHaveLength(5);
    expect(new Set(a).size).toBe(5);
    for (const item of a) expect(population).toContain(item);
  });

  it('draws different samples from different seeds', () => {
    const population = Array.from({ length: 40 }, (_, i) => `v${i}`);
    const draws = new Set(['s1', 's2', 's3', 's4', 's5'].map((seed) => drawSample(population, 5, seed).join(',')));
    expect(draws.size).toBeGreaterThan(1);
  });

  it('returns everything (shuffled) when asked for more than there is, and nothing from nothing', () => {
    const population = ['a', 'b', 'c'];
    expect([...drawSample(population, 10, 'x')].sort()).toEqual(population);
    expect(drawSample([], 5, 'x')).toEqual([]);
  });

  it('does not change the population it draws from', () => {
    const population = ['a', 'b', 'c', 'd'];
    drawSample(population, 2, 'seed');
    expect(population).toEqual(['a', 'b', 'c', 'd']);
  });

  it('picks every item about equally often over many seeds (uniform)', () => {
    const population = Array.from({ length: 10 }, (_, i) => i);
    const hits = new Array(10).fill(0);
    const runs = 5000;
    for (let s = 0; s < runs; s++) for (const item of drawSample(population, 3, `seed-${s}`)) hits[item]++;
    const expected = (runs * 3) / 10;
    for (const count of hits) expect(Math.abs(count - expected) / expected).toBeLessThan(0.1);
  });

  it('produces numbers in [0, 1)', () => {
    const random = seededRandom('range');
    for (let i = 0; i < 1000; i++) {
      const value = random();
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
    }
  });
});

describe('duplicates', () => {
  it('finds the first repeated id', () => {
    expect(firstDuplicate(['a', 'b', 'a'])).toBe(2);
    expect(firstDuplicate(['a', 'b'])).toBe(-1);
  });
});
