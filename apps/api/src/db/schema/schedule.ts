// Tables of the schedule module (filled in by that module's migration).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ScheduleTables {}
