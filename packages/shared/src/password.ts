// 等保 2.0 password rules: length plus character classes; no forced rotation.
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;
/** The demo accounts' password; refused for real accounts outside demo mode. */
export const DEMO_PASSWORD = 'Anxin@2026';

/** The number of character classes (lower, upper, digit, other) a password uses. */
export function passwordClassCount(password: string): number {
  return [/[a-z]/, /[A-Z]/, /\d/, /[^a-zA-Z\d]/].filter((re) => re.test(password)).length;
}

/** A Chinese reason the password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, options: { demoMode: boolean; username?: string }): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `密码至少${PASSWORD_MIN_LENGTH}个字符`;
  if (password.length > PASSWORD_MAX_LENGTH) return `密码最多${PASSWORD_MAX_LENGTH}个字符`;
  if (passwordClassCount(password) < 3) return '密码须包含大写字母、小写字母、数字、特殊字符中的至少3类';
  if (!options.demoMode && password === DEMO_PASSWORD) return '不能使用演示密码';
  if (options.username && password.toLowerCase().includes(options.username.toLowerCase())) {
    return '密码不能包含用户名';
  }
  return null;
}
