/**
 * Props that tie a form field to its error message: aria-invalid, and aria-describedby pointing at
 * the message's id, so a screen reader reads the error with the field. Nothing when the field is
 * fine (or `describedBy` alone, e.g. a hint, when given).
 */
export function fieldProblem(invalid: boolean, errorId: string, describedBy?: string): { 'aria-invalid'?: true; 'aria-describedby'?: string } {
  if (invalid) return { 'aria-invalid': true, 'aria-describedby': describedBy ? `${errorId} ${describedBy}` : errorId };
  return describedBy ? { 'aria-describedby': describedBy } : {};
}
