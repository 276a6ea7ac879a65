import {
  AuthService,
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  PpTestBackend,
  ppTestEngines,
  startPpTestBackend,
} from '../__testUtils__/ppTestBackend';

jest.setTimeout(180_000);

/*
 * The customer contacts of an agent's live subscriptions, end to end: the SLA plugin's own
 * Backstage service credentials (a plugin-to-plugin token, as its HTTP sources send them) read
 * them from the demo Customer Portal; a person, an admin and an API token are refused.
 */
describe.each(ppTestEngines())(
  'customer contacts for PP plugins (%s)',
  database => {
    let pp: PpTestBackend;
    let slaAuth: AuthService;

    beforeAll(async () => {
      pp = await startPpTestBackend({
        database,
        features: [
          createBackendModule({
            pluginId: 'pp-sla',
            moduleId: 'test-auth',
            register(env) {
              env.registerInit({
                deps: { auth: coreServices.auth },
                async init({ auth }) {
                  slaAuth = auth;
                },
              });
            },
          }),
        ],
      });
    });
    afterAll(() => pp?.stop());

    const path =
      '/subscriptions/agents/marketing-content-strategist/customer-contacts';

    it('answers the SLA plugin’s service credentials with the demo contacts', async () => {
      const { token } = await slaAuth.getPluginRequestToken({
        onBehalfOf: await slaAuth.getOwnServiceCredentials(),
        targetPluginId: 'pp-subscriptions',
      });
      const res = await pp
        .http()
        .get(`/api/pp-subscriptions${path}`)
        .set('Authorization', `Bearer ${token}`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        agent_id: 'marketing-content-strategist',
        agent_name: 'Marketing Content Strategist',
        items: [
          {
            subscription_id: 'demo-sub-001',
            customer_name: 'Demo Bakery Ltd',
            contact_email: 'ops@demo-bakery-ltd.example',
          },
          {
            subscription_id: 'demo-sub-004',
            customer_name: 'Demo Fitness Studio',
            contact_email: 'ops@demo-fitness-studio.example',
          },
          {
            subscription_id: 'demo-sub-006',
            customer_name: 'Demo Book Shop',
            contact_email: 'ops@demo-book-shop.example',
          },
          {
            subscription_id: 'demo-sub-010',
            customer_name: 'Demo Garden Centre',
            contact_email: 'ops@demo-garden-centre.example',
          },
        ],
      });
    });

    it('refuses people and the admin token through /pp/v1 (403)', async () => {
      for (const authorization of [
        await pp.bearer('sam.subscriptions@waooaw.com'),
        await pp.bearer('founder@waooaw.com'),
        pp.admin,
      ]) {
        const res = await pp
          .http()
          .get(`/pp/v1${path}`)
          .set('Authorization', authorization);
        expect(res.status).toBe(403);
        expect(res.body.error.name).toBe('NotAllowedError');
      }
    });
  },
);
