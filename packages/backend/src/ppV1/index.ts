export { ppV1Mounts } from './mounts';
export type { PpV1Mount } from './mounts';
export {
  PP_V1_PREFIX,
  createPpV1Resolver,
  createPpV1Middleware,
  configurePpV1,
  ppV1RootHttpRouterFactory,
  ppRootHttpRouterFactory,
} from './ppV1Router';
