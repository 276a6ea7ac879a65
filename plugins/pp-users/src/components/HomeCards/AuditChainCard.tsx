import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { Alert } from '@material-ui/lab';
import { describeError } from '@internal/plugin-pp-common';
import useAsync from 'react-use/esm/useAsync';
import { ppAuditApiRef } from '../../api/PpAuditClient';

/** Home card for admins: whether the audit log's hash chain is intact. */
export const AuditChainCard = () => {
  const api = useApi(ppAuditApiRef);
  const state = useAsync(() => api.verify(), [api]);
  if (state.loading) return <Progress />;
  if (state.error) {
    return (
      <Alert severity="error">
        Could not check the audit log: {describeError(state.error)}
      </Alert>
    );
  }
  const v = state.value!;
  return v.ok ? (
    <Alert severity="success">
      Intact: {v.checked.toLocaleString('en-US')} records checked, none altered
      or missing.
    </Alert>
  ) : (
    <Alert severity="error">
      Broken{v.first_broken_id ? ` at record ${v.first_broken_id}` : ''}:{' '}
      {v.problem ?? 'a record does not match the chain'}
    </Alert>
  );
};
