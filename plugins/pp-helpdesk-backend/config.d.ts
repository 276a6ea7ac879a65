export interface Config {
  pp?: {
    /** Helpdesk (spec Stage 3). Every value has the spec's default. */
    helpdesk?: {
      /** SLA per priority; defaults: critical 15 min / 4 h, high 2 h / 24 h, medium 8 h / 72 h, low 24 h / 1 week. */
      sla?: {
        critical?: HelpdeskSlaPolicyConfig;
        high?: HelpdeskSlaPolicyConfig;
        medium?: HelpdeskSlaPolicyConfig;
        low?: HelpdeskSlaPolicyConfig;
      };
      /**
       * Emails of the team leads, the escalation target of medium/low tickets. PP users among them
       * are notified in the portal and by email; other addresses by email. Empty: the admins.
       */
      teamLeads?: string[];
      attachments?: {
        /** Default 5 MiB. */
        maxBytes?: number;
        /** Default: text, CSV, JSON, PDF, PNG, JPEG, GIF, ZIP. */
        contentTypes?: string[];
      };
      /** How often the SLA job runs, in seconds. Default 60. */
      slaCheckSeconds?: number;
    };
  };
}

/** One priority's SLA. */
interface HelpdeskSlaPolicyConfig {
  /** Whole minutes, > 0. */
  responseMinutes?: number;
  /** Whole minutes, >= responseMinutes. */
  resolutionMinutes?: number;
  /** infrastructure_engineer (spec: critical, high) or team_lead (spec: medium, low) */
  escalationPath?: 'infrastructure_engineer' | 'team_lead';
}
