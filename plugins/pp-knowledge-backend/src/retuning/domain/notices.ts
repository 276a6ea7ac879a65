import type { PpNotificationMessage } from '@internal/plugin-pp-node';

/*
 * What a retuning tells whom (written in the transaction of the change, pp-node's outbox):
 * - Genesis rejected it: the admins and the proposer (final, with Genesis's reasons);
 * - Genesis approved it, it waits for an admin: the admins;
 * - an admin approved or declined it: the proposer;
 * - it was rolled back (by the rollout engine or a post-deployment check): the admins and the
 *   proposer, with the reason;
 * - it completed (after the 7 d check): the proposer.
 */

export interface NoticeSubject {
  id: string;
  agent_name: string;
  knowledge_version: string;
  previous_knowledge_version: string | null;
  created_by: string;
}

export type RetuningNoticeEvent =
  | { type: 'rejected'; reason: string }
  | { type: 'awaiting_approval' }
  | { type: 'approved'; by: string; reason: string }
  | { type: 'declined'; by: string; reason: string }
  | { type: 'rolled_back'; reason: string }
  | { type: 'completed' };

/** The portal page of a retuning. */
export const retuningLink = (id: string) => `/pp/knowledge/retuning/${id}`;

export function retuningNotice(
  r: NoticeSubject,
  e: RetuningNoticeEvent,
): PpNotificationMessage {
  const what = `Retuning of ${r.agent_name} on ${r.knowledge_version}`;
  const proposer = r.created_by ? [r.created_by] : [];
  const common = {
    link: retuningLink(r.id),
    reference: `agent-retuning:${r.id}`,
  };
  switch (e.type) {
    case 'rejected':
      return {
        ...common,
        topic: 'knowledge.retuning.rejected',
        title: `${what} rejected by Genesis`,
        description: `Genesis rejected it; the rejection is final. ${e.reason}`,
        severity: 'normal',
        to: { roles: ['admin'], userIds: proposer },
      };
    case 'awaiting_approval':
      return {
        ...common,
        topic: 'knowledge.retuning.awaiting_approval',
        title: `${what} waits for an admin`,
        description:
          'Genesis approved the proposal. Approve it to roll it out, or decline it.',
        severity: 'normal',
        to: { roles: ['admin'] },
      };
    case 'approved':
    case 'declined':
      return {
        ...common,
        topic: `knowledge.retuning.${e.type}`,
        title: `${what} ${e.type} by ${e.by}`,
        description:
          e.type === 'approved'
            ? `It is rolling out now (blue-green, watched before all traffic moves). ${e.reason}`
            : e.reason,
        severity: 'normal',
        to: { userIds: proposer },
      };
    case 'rolled_back':
      return {
        ...common,
        topic: 'knowledge.retuning.rolled_back',
        title: `${what} rolled back`,
        description: `All traffic is back on ${
          r.previous_knowledge_version ?? 'the previous knowledge'
        }. ${e.reason}`,
        severity: 'high',
        to: { roles: ['admin'], userIds: proposer },
      };
    case 'completed':
    default:
      return {
        ...common,
        topic: 'knowledge.retuning.completed',
        title: `${what} completed`,
        description: `${r.agent_name} runs on ${r.knowledge_version}; the post-deployment checks at 1 h, 24 h and 7 days passed.`,
        severity: 'normal',
        to: { userIds: proposer },
      };
  }
}
