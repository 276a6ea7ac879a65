import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { EntityProvider, catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  PermissionApi,
  permissionApiRef,
} from '@backstage/plugin-permission-react';
import { ReactElement } from 'react';
import { PpKnowledgeApi, ppKnowledgeApiRef } from '../api';
import { KnowledgePage } from '../components/KnowledgePage';

/** The pp-knowledge API with every method a jest mock. */
export function mockKnowledgeApi(): jest.Mocked<PpKnowledgeApi> {
  return {
    listSources: jest.fn(),
    getSource: jest.fn(),
    createSource: jest.fn(),
    updateSource: jest.fn(),
    testConnection: jest.fn(),
    runSource: jest.fn(),
    listRuns: jest.fn(),
    upload: jest.fn(),
    listVersions: jest.fn(),
    diff: jest.fn(),
    search: jest.fn(),
    retune: jest.fn(),
    listRetunings: jest.fn(),
    getRetuning: jest.fn(),
    approveRetuning: jest.fn(),
    declineRetuning: jest.fn(),
    getAgentKnowledge: jest.fn(),
  };
}

/** A permission API allowing the named permissions only. */
export const permissions = (allowed: string[]): PermissionApi => ({
  authorize: async request =>
    ({
      result: allowed.includes(request.permission.name) ? 'ALLOW' : 'DENY',
    } as Awaited<ReturnType<PermissionApi['authorize']>>),
});

/** What each role may do with knowledge (the PP policy's knowledge rows). */
export const ROLES = {
  industryManager: [
    'pp.knowledge.sources.create',
    'pp.knowledge.sources.manage',
    'pp.knowledge.read',
    'pp.knowledge.search',
    'pp.agents.retune',
    'pp.retuning.read',
  ],
  admin: [
    'pp.knowledge.sources.create',
    'pp.knowledge.sources.manage',
    'pp.knowledge.read',
    'pp.knowledge.search',
    'pp.agents.retune',
    'pp.retuning.read',
    'pp.retuning.approve',
  ],
  viewer: ['pp.knowledge.read', 'pp.retuning.read'],
  agentOrchestrator: ['pp.agents.retune', 'pp.retuning.read'],
  nobody: [] as string[],
};

/** Two agents of the catalog. */
export const catalogAgents = {
  getEntities: jest.fn(async () => ({
    items: [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'ad-writer', title: 'Ad Copy Writer' },
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

/**
 * The knowledge pages (`KnowledgePage`, its gates and routes) at `at` (`/`, `/changes`,
 * `/sources/src-1` …), for someone holding `allowed`. One person per test file: usePermission
 * caches answers per permission.
 */
export function renderKnowledgeAt(
  api: jest.Mocked<PpKnowledgeApi>,
  allowed: string[],
  at = '/',
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [ppKnowledgeApiRef, api],
        [catalogApiRef, catalogAgents as any],
        [permissionApiRef, permissions(allowed)],
      ]}
    >
      <KnowledgePage />
    </TestApiProvider>,
    { initialRouteEntries: [at] },
  );
}

/** The Ad Copy Writer agent. */
export const adWriter: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'ad-writer', title: 'Ad Copy Writer' },
  spec: { type: 'ai-agent', owner: 'team-a', lifecycle: 'production' },
};

/** An entity element (the Knowledge tab) of the Ad Copy Writer, for someone holding `allowed`. */
export function renderForEntity(
  api: jest.Mocked<PpKnowledgeApi>,
  allowed: string[],
  element: ReactElement,
  entity: Entity = adWriter,
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [ppKnowledgeApiRef, api],
        [catalogApiRef, catalogAgents as any],
        [permissionApiRef, permissions(allowed)],
      ]}
    >
      <EntityProvider entity={entity}>{element}</EntityProvider>
    </TestApiProvider>,
  );
}
