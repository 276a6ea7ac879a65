/**
 * Platform Portal SLA/OLA management backend (spec Stage 7, issue #16): SLA definitions (versioned
 * templates and custom targets), daily compliance rows from the health plugin's daily read and the
 * helpdesk's tickets, breaches with PagerDuty or portal alerts, month-end credits, OLA clocks over
 * orchestration handoffs and helpdesk tickets, maintenance windows, and the Customer Portal's read.
 *
 * @packageDocumentation
 */
export { ppSlaPlugin as default } from './plugin';
export { migrateSla } from './database/DatabaseSlaStore';
export * from './domain/compliance';
export * from './domain/definitions';
export * from './domain/ola';
