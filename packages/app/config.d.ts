export interface Config {
  pp?: {
    auth?: {
      google?: {
        /**
         * Show "Sign in with Google" (the backend's Google provider must be configured).
         * @visibility frontend
         */
        enabled?: boolean;
      };
    };
  };
}
