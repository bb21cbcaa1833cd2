/** Mainland China mobile numbers: 11 digits, starting 13–19. */
export function isMobilePhone(value: string): boolean {
  return /^1[3-9]\d{9}$/.test(value);
}

/** 5104**********1234: enough to recognise a record, not enough to use it. */
export function maskNationalId(value: string): string {
  return `${value.slice(0, 4)}${'*'.repeat(value.length - 8)}${value.slice(-4)}`;
}

/** 138****7142 */
export function maskPhone(value: string): string {
  return `${value.slice(0, 3)}****${value.slice(-4)}`;
}
