/**
 * The Platform Portal users backend plugin, its permission policy module and its sign-in module.
 *
 * @packageDocumentation
 */
export { ppUsersPlugin as default } from './plugin';
export { ppPermissionPolicyModule } from './policy/module';
export { PpPermissionPolicy } from './policy/PpPermissionPolicy';
export { ppAuthModule } from './auth/module';
export { resolvePpSignIn } from './auth/signIn';
export type { PpSignInAttempt } from './auth/signIn';
