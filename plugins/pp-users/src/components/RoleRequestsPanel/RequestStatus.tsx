import {
  StatusAborted,
  StatusOK,
  StatusPending,
} from '@backstage/core-components';
import { PpRoleRequestStatus } from '@internal/plugin-pp-common';

/** A role request's status with its status icon. */
export function RequestStatus(props: { status: PpRoleRequestStatus }) {
  switch (props.status) {
    case 'approved':
      return <StatusOK>Approved</StatusOK>;
    case 'denied':
      return <StatusAborted>Denied</StatusAborted>;
    default:
      return <StatusPending>Pending</StatusPending>;
  }
}
