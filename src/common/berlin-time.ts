const berlinDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Berlin',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's date in Hamburg (YYYY-MM-DD), whatever time zone the server runs in. */
export function berlinDateOf(instant: Date): string {
  return berlinDate.format(instant);
}
