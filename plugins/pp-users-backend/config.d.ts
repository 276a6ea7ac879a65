export interface Config {
  pp?: {
    auth?: {
      /**
       * Email domains allowed to sign in. Default: ['waooaw.com']. Not a secret: the Add user
       * dialog (pp-users) checks addresses against it on the field.
       * @visibility frontend
       */
      allowedDomains?: string[];
      /** People who are made active admins at every start. */
      bootstrapAdmins?: string[];
      /**
       * The automation bootstrap token (at least 32 characters). Usually left unset here and given
       * as the PP_ADMIN_TOKEN environment variable.
       * @visibility secret
       */
      adminToken?: string;
      /** Validate new people's emails with the Google Directory API. Off by default. */
      googleDirectory?: {
        enabled?: boolean;
        /**
         * The service account key JSON (with domain-wide delegation).
         * @visibility secret
         */
        serviceAccountKey?: string;
        /** A Workspace admin the service account acts as. */
        adminSubject?: string;
        tokenUrl?: string;
        directoryUrl?: string;
      };
      /** PP API tokens (`POST /pp/v1/users/{id}/api-tokens`). Every token expires. */
      apiTokens?: {
        /** The lifetime of a token created without `expires_in_days`. Default 90. */
        defaultLifetimeDays?: number;
        /** The longest lifetime a token may be given; longer asks get 400. Default 365. */
        maxLifetimeDays?: number;
      };
      sessions?: {
        /** Default 5. */
        maxPerUser?: number;
        /** Default 15. */
        lifetimeDays?: number;
      };
    };
  };
  auth?: {
    providers?: {
      /** The embedded default's dev sign-in: pick a demo user. */
      'pp-dev'?: {
        enabled?: boolean;
      };
    };
  };
}
