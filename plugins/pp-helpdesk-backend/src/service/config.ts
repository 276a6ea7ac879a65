import { Config } from '@backstage/config';
import {
  PP_TICKET_ATTACHMENT_LIMITS,
  PP_TICKET_PRIORITIES,
  PP_TICKET_SLA_DEFAULTS,
  PpTicketEscalationPath,
  PpTicketPriority,
  PpTicketSlaPolicy,
} from '@internal/plugin-pp-common';

/** `pp.helpdesk` with the spec's values as defaults. */
export interface HelpdeskSettings {
  sla: Record<PpTicketPriority, PpTicketSlaPolicy>;
  /** Emails of the team leads (escalation path of medium/low tickets); empty: the admins. */
  teamLeads: string[];
  attachments: { maxBytes: number; contentTypes: string[] };
  /** How often the SLA job runs. */
  slaCheckSeconds: number;
}

const PATHS: PpTicketEscalationPath[] = [
  'infrastructure_engineer',
  'team_lead',
];

export function helpdeskSettingsFromConfig(config?: Config): HelpdeskSettings {
  const helpdesk = config?.getOptionalConfig('pp.helpdesk');
  const sla = {} as Record<PpTicketPriority, PpTicketSlaPolicy>;
  for (const priority of PP_TICKET_PRIORITIES) {
    const given = helpdesk?.getOptionalConfig(`sla.${priority}`);
    const def = PP_TICKET_SLA_DEFAULTS[priority];
    const path =
      given?.getOptionalString('escalationPath') ?? def.escalation_path;
    if (!PATHS.includes(path as PpTicketEscalationPath)) {
      throw new Error(
        `pp.helpdesk.sla.${priority}.escalationPath must be one of ${PATHS.join(
          ', ',
        )}`,
      );
    }
    const policy: PpTicketSlaPolicy = {
      response_minutes:
        given?.getOptionalNumber('responseMinutes') ?? def.response_minutes,
      resolution_minutes:
        given?.getOptionalNumber('resolutionMinutes') ?? def.resolution_minutes,
      escalation_path: path as PpTicketEscalationPath,
    };
    // Whole minutes: the tickets store their SLA in integer columns, so a fraction accepted here
    // would fail every ticket of that priority at creation (a 500) instead of failing at start.
    if (
      !Number.isInteger(policy.response_minutes) ||
      !Number.isInteger(policy.resolution_minutes) ||
      !(policy.response_minutes > 0) ||
      !(policy.resolution_minutes >= policy.response_minutes)
    ) {
      throw new Error(
        `pp.helpdesk.sla.${priority}: responseMinutes and resolutionMinutes must be whole minutes, responseMinutes > 0 and resolutionMinutes >= responseMinutes`,
      );
    }
    sla[priority] = policy;
  }
  return {
    sla,
    teamLeads: (helpdesk?.getOptionalStringArray('teamLeads') ?? []).map(e =>
      e.trim().toLocaleLowerCase('en-US'),
    ),
    attachments: {
      maxBytes:
        helpdesk?.getOptionalNumber('attachments.maxBytes') ??
        PP_TICKET_ATTACHMENT_LIMITS.max_bytes,
      contentTypes: helpdesk?.getOptionalStringArray(
        'attachments.contentTypes',
      ) ?? [...PP_TICKET_ATTACHMENT_LIMITS.content_types],
    },
    slaCheckSeconds: helpdesk?.getOptionalNumber('slaCheckSeconds') ?? 60,
  };
}
