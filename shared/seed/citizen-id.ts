/** Citizen identity number (GB 11643-1999) check character. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function citizenIdCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

export function isValidCitizenId(id: string): boolean {
  return /^\d{17}[\dX]$/.test(id) && citizenIdCheck(id.slice(0, 17)) === id[17];
}
