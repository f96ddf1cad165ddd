/** A wall-clock time as campaigns and reports are scheduled at: HH:MM, from 00:00 to 23:59. */
const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Why `time` is not a time of day, in words a person can act on; undefined when it is one. */
export function timeOfDayProblem(time: string): string | undefined {
  return TIME_OF_DAY.test(time) ? undefined : `The time "${time}" should be HH:MM, from 00:00 to 23:59.`;
}
