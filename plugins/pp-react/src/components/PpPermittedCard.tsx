import { ReactNode } from 'react';
import { InfoCard } from '@backstage/core-components';
import type { BasicPermission } from '@backstage/plugin-permission-common';
import { usePermission } from '@backstage/plugin-permission-react';

/** @public */
export interface PpPermittedCardProps {
  title: string;
  /** Only people the PP policy grants this see the card at all. */
  permission: BasicPermission;
  /** A link under the card, e.g. to the tab with the whole story. */
  deepLink?: { title: string; link: string };
  children: ReactNode;
}

/**
 * A card shown only to those allowed to read what it shows: a card someone may not open is not
 * drawn (no empty frame, no refusal message on an overview). Nothing shows while the decision
 * is loading.
 *
 * @public
 */
export function PpPermittedCard(props: PpPermittedCardProps) {
  const { loading, allowed } = usePermission({ permission: props.permission });
  if (loading || !allowed) return null;
  return (
    <InfoCard
      title={props.title}
      // the card's title is a heading of the page (assistive technology lists the cards)
      titleTypographyProps={{ component: 'h2' }}
      deepLink={props.deepLink}
    >
      {props.children}
    </InfoCard>
  );
}
