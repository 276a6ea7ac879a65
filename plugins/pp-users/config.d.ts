export interface Config {
  pp?: {
    auth?: {
      /**
       * Email domains allowed to sign in (see pp-users-backend). The Add user dialog refuses
       * other addresses on the field, before the request. Default: ['waooaw.com'].
       * @visibility frontend
       */
      allowedDomains?: string[];
    };
  };
}
