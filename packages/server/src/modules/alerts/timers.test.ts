import { describe, expect, it } from 'vitest';
import { alertTimers, timer } from './timers.js';

const at = (time: string) => new Date(`2026-11-29T${time}+08:00`);
const START = at('09:00:00');

describe('an alert timer (联合处置 ⑥)', () => {
  it('runs until its target, then is overdue while the step is not done', () => {
    expect(timer(START, 30, null, at('09:10:00'))).toEqual({
      targetMinutes: 30,
      dueAt: '2026-11-29T09:30:00.000+08:00',
      doneAt: null,
      state: 'running',
      elapsedMinutes: 10,
    });
    // The due minute itself is still within the target.
    expect(timer(START, 30, null, at('09:30:00')).state).toBe('running');
    expect(timer(START, 30, null, at('09:30:01'))).toMatchObject({ state: 'overdue', elapsedMinutes: 30 });
    expect(timer(START, 30, null, at('11:15:00'))).toMatchObject({ state: 'overdue', elapsedMinutes: 135 });
  });

  it('is met when the step is done by the target, late when after, whenever it is read', () => {
    expect(timer(START, 30, at('09:30:00'), at('12:00:00'))).toMatchObject({
      state: 'met',
      doneAt: '2026-11-29T09:30:00.000+08:00',
      elapsedMinutes: 30,
    });
    expect(timer(START, 30, at('09:31:00'), at('09:31:00'))).toMatchObject({ state: 'late', elapsedMinutes: 31 });
    // Elapsed stops at the step: reading it a day later changes nothing.
    expect(timer(START, 30, at('09:12:00'), at('09:12:00'))).toEqual(
      timer(START, 30, at('09:12:00'), new Date(at('09:12:00').getTime() + 86_400_000)),
    );
  });

  it('counts whole minutes, never below zero', () => {
    expect(timer(START, 60, null, at('09:00:59')).elapsedMinutes).toBe(0);
    expect(timer(START, 60, null, at('08:59:00')).elapsedMinutes).toBe(0);
  });

  it('crosses midnight Beijing time and shows the due time in Beijing time', () => {
    const late = at('23:50:00');
    expect(timer(late, 30, null, late).dueAt).toBe('2026-11-30T00:20:00.000+08:00');
  });

  it('gives each step its own target, both counted from when the alert occurred', () => {
    const timers = alertTimers(
      { occurredAt: START, policeRespondedAt: at('09:20:00'), teamNotifiedAt: null },
      { policeResponseMinutes: 30, teamNotifiedMinutes: 60 },
      at('10:05:00'),
    );
    expect(timers.policeResponse).toMatchObject({ state: 'met', elapsedMinutes: 20, targetMinutes: 30 });
    expect(timers.teamNotified).toMatchObject({
      state: 'overdue',
      elapsedMinutes: 65,
      targetMinutes: 60,
      dueAt: '2026-11-29T10:00:00.000+08:00',
    });
  });
});
