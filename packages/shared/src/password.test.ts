import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, passwordProblem } from './password.js';

describe('password rules (等保 2.0: ≥ 10 characters, 3 of 4 classes)', () => {
  it.each([
    ['Short1!', '至少10个字符'],
    ['alllowercaseletters', '至少3类'],
    ['lowercase123456', '至少3类'],
    ['x'.repeat(129), '最多128'],
  ])('refuses %s', (password, words) => {
    expect(passwordProblem(password, { demoMode: false })).toContain(words);
  });

  it.each(['Abcdefgh12', 'abcdefgh1!', 'ABCDEFGH1!', 'Ab!Ab!Ab!Ab!', '长密码Abcdefgh1'])('accepts %s', (password) => {
    expect(passwordProblem(password, { demoMode: false })).toBeNull();
  });

  it('accepts the demo password only in demo mode', () => {
    expect(passwordProblem(DEMO_PASSWORD, { demoMode: true })).toBeNull();
    expect(passwordProblem(DEMO_PASSWORD, { demoMode: false })).toBe('不能使用演示密码');
  });

  it('refuses a password containing the username', () => {
    expect(passwordProblem('Pingan#2026x', { demoMode: false, username: 'pingan' })).toBe('密码不能包含用户名');
  });
});
