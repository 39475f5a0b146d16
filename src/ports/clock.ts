/** What time it is: the real time in production, a fixed or demo time in tests and the demo. */
export interface Clock {
  now(): Date;
}
