import { LoggerService } from '@backstage/backend-plugin-api';
import {
  PpCreateTicketRequest,
  PpTicketQuery,
  PpTicketStatus,
  PpUpdateTicketRequest,
} from '@internal/plugin-pp-common';
import {
  PpAuditEntry,
  PpNotifierDirectory,
  PpPrincipal,
  PpTransactionalNotifier,
} from '@internal/plugin-pp-node';
import { Knex } from 'knex';
import { DatabaseTicketStore } from '../database/DatabaseTicketStore';
import { TicketStore } from '../database/TicketStore';
import { HelpdeskSettings } from './config';
import { SlaMonitor } from './SlaMonitor';
import { EntityCheck, Precondition, TicketCommands } from './TicketCommands';
import { TicketQueries } from './TicketQueries';

export { PreconditionFailedError } from './TicketCommands';
export type { EntityCheck, Precondition } from './TicketCommands';
export { SYSTEM } from './SlaMonitor';
export { ticketKey } from '../domain/ticket';

/**
 * The helpdesk assembled: the store, the queries, the commands (units of work) and the SLA monitor
 * over one clock. The HTTP routes and the agent actions reach it through the commands of
 * `ticketApi.ts`; this facade only wires and forwards.
 */
export class TicketService {
  readonly queries: TicketQueries;
  readonly commands: TicketCommands;
  readonly sla: SlaMonitor;

  static async create(options: {
    database: { getClient(): Promise<Knex>; migrations?: { skip?: boolean } };
    users: PpNotifierDirectory;
    notifier: PpTransactionalNotifier;
    settings: HelpdeskSettings;
    logger: LoggerService;
    checkEntity?: EntityCheck;
    /** Audit records of what the SLA job does (routes and actions audit through their commands). */
    audit?: (entry: PpAuditEntry) => Promise<void>;
    now?: () => Date;
  }): Promise<TicketService> {
    const store = await DatabaseTicketStore.create({
      database: options.database,
    });
    return new TicketService(store, options);
  }

  private constructor(
    readonly store: TicketStore,
    private readonly options: {
      users: PpNotifierDirectory;
      notifier: PpTransactionalNotifier;
      settings: HelpdeskSettings;
      logger: LoggerService;
      checkEntity?: EntityCheck;
      audit?: (entry: PpAuditEntry) => Promise<void>;
      now?: () => Date;
    },
  ) {
    const now = options.now ?? (() => new Date());
    this.queries = new TicketQueries(store, options.users);
    this.commands = new TicketCommands({
      store,
      notifier: options.notifier,
      users: options.users,
      settings: options.settings,
      checkEntity: options.checkEntity,
      now,
      read: ref => this.queries.get(ref),
    });
    this.sla = new SlaMonitor({
      store,
      commands: this.commands,
      notifier: options.notifier,
      teamLeads: options.settings.teamLeads,
      logger: options.logger,
      audit: options.audit,
      now,
    });
  }

  get settings() {
    return this.options.settings;
  }

  list(query: PpTicketQuery, actor: PpPrincipal) {
    return this.queries.list(query, actor);
  }
  get(ref: string) {
    return this.queries.get(ref);
  }
  assignees() {
    return this.queries.assignees();
  }
  getAttachment(ref: string, attachmentId: string) {
    return this.queries.attachment(ref, attachmentId);
  }
  create(input: PpCreateTicketRequest, actor: PpPrincipal) {
    return this.commands.create(input, actor);
  }
  update(
    ref: string,
    input: PpUpdateTicketRequest,
    actor: PpPrincipal,
    pre: Precondition,
  ) {
    return this.commands.update(ref, input, actor, pre);
  }
  transition(
    ref: string,
    input: {
      status: PpTicketStatus;
      resolution_notes?: string;
      reason?: string;
      comment?: string;
    },
    actor: PpPrincipal,
    pre: Precondition,
  ) {
    return this.commands.transition(ref, input, actor, pre);
  }
  escalate(ref: string, reason: string, actor: PpPrincipal, pre: Precondition) {
    return this.transition(ref, { status: 'escalated', reason }, actor, pre);
  }
  close(ref: string, notes: string, actor: PpPrincipal, pre: Precondition) {
    return this.transition(
      ref,
      { status: 'closed', resolution_notes: notes },
      actor,
      pre,
    );
  }
  assign(
    ref: string,
    assigneeId: string | null,
    actor: PpPrincipal,
    pre: Precondition,
  ) {
    return this.commands.assign(ref, assigneeId, actor, pre);
  }
  comment(ref: string, body: string, actor: PpPrincipal) {
    return this.commands.comment(ref, body, actor);
  }
  addAttachment(
    ref: string,
    file: { file_name: string; content_type: string; content: Buffer },
    actor: PpPrincipal,
  ) {
    return this.commands.addAttachment(ref, file, actor);
  }
  runSlaCheck() {
    return this.sla.run();
  }
}
