/**
 * pg-boss's SQL statements (not in its published types): the job engine compares the text pg-boss runs with two
 * of them, to guard the queries pg-boss fires without awaiting.
 */
declare module 'pg-boss/src/plans' {
  export function completeJobs(schema: string): string;
  export function failJobsById(schema: string): string;
}
