/** `__Host-` demands Secure, so it is used only when cookies are Secure (behind TLS). */
export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-anxin_session' : 'anxin_session';
}

export function sessionCookieOptions(secure: boolean) {
  return { path: '/', httpOnly: true, sameSite: 'strict' as const, secure };
}
