export interface Config {
  pp?: {
    /** Where PP notifications go besides the portal's own (Backstage notifications). */
    notifications?: {
      slack?: {
        /**
         * Slack incoming webhook URLs by channel key, e.g. `platform-health`, `helpdesk`.
         * @visibility secret
         */
        webhooks?: { [channel: string]: string };
      };
      email?: {
        /** The From address of PP email. Default: Platform Portal <platform-portal@waooaw.com>. */
        from?: string;
        smtp?: {
          host: string;
          /** Default 587. */
          port?: number | string;
          /** TLS from the start (port 465). Default false. */
          secure?: boolean;
          /** Insist on STARTTLS. Default false. */
          requireTLS?: boolean;
          username?: string;
          /** @visibility secret */
          password?: string;
        };
      };
    };
  };
}
