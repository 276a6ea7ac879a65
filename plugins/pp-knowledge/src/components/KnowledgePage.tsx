import { Content, Progress } from '@backstage/core-components';
import { usePermission } from '@backstage/plugin-permission-react';
import { Alert } from '@material-ui/lab';
import {
  ppKnowledgeReadPermission,
  ppKnowledgeSearchPermission,
  ppRetuningReadPermission,
} from '@internal/plugin-pp-common';
import { ReactNode } from 'react';
import { Route, Routes } from 'react-router-dom';
import { DiffPage } from './DiffPage';
import { RetuningDetail } from './RetuningDetail';
import { RetuningList } from './RetuningList';
import { SearchPage } from './SearchPage';
import { SourceDetail } from './SourceDetail';
import { SourcesPage } from './SourcesPage';

function Denied(props: { children: ReactNode }) {
  return (
    <Content>
      <Alert severity="warning">{props.children}</Alert>
    </Content>
  );
}

/** Only those who may read knowledge; the others read who may, in a sentence. */
export function KnowledgeGate(props: { children: ReactNode }) {
  const read = usePermission({ permission: ppKnowledgeReadPermission });
  if (read.loading) return <Progress />;
  if (!read.allowed) {
    return (
      <Denied>
        Industry knowledge is open to industry managers, admins and viewers. Ask
        an admin for one of these roles.
      </Denied>
    );
  }
  return <>{props.children}</>;
}

/** Only those who may search knowledge (industry managers and admins). */
export function SearchGate(props: { children: ReactNode }) {
  const search = usePermission({ permission: ppKnowledgeSearchPermission });
  if (search.loading) return <Progress />;
  if (!search.allowed) {
    return (
      <Denied>
        Searching industry knowledge is open to industry managers and admins.
      </Denied>
    );
  }
  return <>{props.children}</>;
}

/** Only those who may read retuning proposals. */
export function RetuningGate(props: { children: ReactNode }) {
  const read = usePermission({ permission: ppRetuningReadPermission });
  if (read.loading) return <Progress />;
  if (!read.allowed) {
    return (
      <Denied>
        Agent retuning is open to industry managers, agent orchestrators, admins
        and viewers. Ask an admin for one of these roles.
      </Denied>
    );
  }
  return <>{props.children}</>;
}

/**
 * `/pp/knowledge`: an industry's sources; `/sources/:id` one source; `/changes` the diff between
 * versions; `/search`; `/retuning` the proposals and `/retuning/:id` one. Agent orchestrators,
 * who read proposals but not knowledge, land on the proposals.
 */
export function KnowledgePage() {
  const read = usePermission({ permission: ppKnowledgeReadPermission });
  const retuning = usePermission({ permission: ppRetuningReadPermission });
  if (read.loading || retuning.loading) return <Progress />;
  const home =
    !read.allowed && retuning.allowed ? (
      <RetuningGate>
        <RetuningList />
      </RetuningGate>
    ) : (
      <KnowledgeGate>
        <SourcesPage />
      </KnowledgeGate>
    );
  return (
    <Routes>
      <Route path="/" element={home} />
      <Route
        path="/sources/:sourceId"
        element={
          <KnowledgeGate>
            <SourceDetail />
          </KnowledgeGate>
        }
      />
      <Route
        path="/changes"
        element={
          <KnowledgeGate>
            <DiffPage />
          </KnowledgeGate>
        }
      />
      <Route
        path="/search"
        element={
          <SearchGate>
            <SearchPage />
          </SearchGate>
        }
      />
      <Route
        path="/retuning"
        element={
          <RetuningGate>
            <RetuningList />
          </RetuningGate>
        }
      />
      <Route
        path="/retuning/:retuningId"
        element={
          <RetuningGate>
            <RetuningDetail />
          </RetuningGate>
        }
      />
    </Routes>
  );
}
