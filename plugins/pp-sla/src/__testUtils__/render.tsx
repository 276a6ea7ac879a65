import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { EntityProvider, catalogApiRef } from '@backstage/plugin-catalog-react';
import { ReactElement } from 'react';
import {
  PermissionApi,
  permissionApiRef,
} from '@backstage/plugin-permission-react';
import { Route, Routes, useLocation } from 'react-router-dom';
import { PpSlaApi, ppSlaApiRef } from '../api';
import { ComplianceDashboard, SlaPage } from '../components/SlaPage';
import { EntitySlaCard } from '../components/EntitySlaCard';
import type { Entity } from '@backstage/catalog-model';

/** The pp-sla API with every method a jest mock. */
export function mockSlaApi(): jest.Mocked<PpSlaApi> {
  return {
    listCompliance: jest.fn(),
    getCompliance: jest.fn(),
    createDefinition: jest.fn(),
    createMaintenance: jest.fn(),
    updateBreach: jest.fn(),
    listCredits: jest.fn(),
    exportCredits: jest.fn(),
    listDefinitions: jest.fn(),
    listMaintenance: jest.fn(),
    listBreaches: jest.fn(),
    listOlas: jest.fn(),
    createOla: jest.fn(),
    listOlaClocks: jest.fn(),
  };
}

/** A permission API allowing the named permissions only. */
export const permissions = (allowed: string[]): PermissionApi => ({
  authorize: async request =>
    ({
      result: allowed.includes(request.permission.name) ? 'ALLOW' : 'DENY',
    } as Awaited<ReturnType<PermissionApi['authorize']>>),
});

/** Two agents of the catalog. */
export const catalogAgents = {
  getEntities: jest.fn(async () => ({
    items: [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'maths-tutor', title: 'Maths Tutor' },
        spec: { type: 'ai-agent' },
      },
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'lead-hunter', title: 'Lead Hunter' },
        spec: { type: 'ai-agent' },
      },
    ],
  })),
};

/** Where the dashboard navigated to. */
function Where() {
  return <div data-testid="where">{useLocation().pathname}</div>;
}

/**
 * The compliance dashboard at `at`, for someone holding `allowed` permissions. (usePermission
 * caches answers per permission for the test file: one person per file.)
 */
export function renderSlaDashboard(
  api: jest.Mocked<PpSlaApi>,
  allowed: string[],
  at = '/',
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [ppSlaApiRef, api],
        [catalogApiRef, catalogAgents as any],
        [permissionApiRef, permissions(allowed)],
      ]}
    >
      <Routes>
        <Route path="/" element={<ComplianceDashboard />} />
        <Route path="*" element={<Where />} />
      </Routes>
    </TestApiProvider>,
    { initialRouteEntries: [at] },
  );
}

/** The Maths Tutor agent, the SLA card's entity unless told otherwise. */
const mathsTutor: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'maths-tutor', title: 'Maths Tutor' },
  spec: { type: 'ai-agent', owner: 'team-a', lifecycle: 'production' },
};

/**
 * The SLA card on the overview of `entity` (the Maths Tutor agent), or another of its entity
 * `element`s (the SLA tab), for someone holding `allowed`.
 */
export function renderEntitySlaCard(
  api: jest.Mocked<PpSlaApi>,
  allowed: string[],
  entity: Entity = mathsTutor,
  element: ReactElement = <EntitySlaCard />,
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [ppSlaApiRef, api],
        [permissionApiRef, permissions(allowed)],
      ]}
    >
      <EntityProvider entity={entity}>{element}</EntityProvider>
    </TestApiProvider>,
  );
}

/** A catalog that knows the agents' titles (`useAgentNames` reads them by ref). */
export const catalogTitles = {
  getEntitiesByRefs: jest.fn(
    async ({ entityRefs }: { entityRefs: string[] }) => {
      const titles: Record<string, string> = {
        'maths-tutor': 'Maths Tutor',
        'lead-hunter': 'Lead Hunter',
      };
      return {
        items: entityRefs.map(ref => {
          const name = ref.replace(/^.*\//, '');
          return titles[name]
            ? { metadata: { name, title: titles[name] } }
            : undefined;
        }),
      };
    },
  ),
};

/**
 * The SLA pages (`SlaPage`, its gate and routes) at `at` (`/breaches`, `/credits`), for someone
 * holding `allowed`, with a catalog that names the agents. One person per test file.
 */
export function renderSlaPageAt(
  api: jest.Mocked<PpSlaApi>,
  allowed: string[],
  at: string,
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [ppSlaApiRef, api],
        [catalogApiRef, catalogTitles as any],
        [permissionApiRef, permissions(allowed)],
      ]}
    >
      <SlaPage />
    </TestApiProvider>,
    { initialRouteEntries: [at] },
  );
}
