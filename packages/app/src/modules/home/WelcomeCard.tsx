import { ReactNode } from 'react';
import { RouterLink } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { makeStyles, Typography } from '@material-ui/core';
import {
  ppAgentsReadPermission,
  ppHealthReadPermission,
  ppRetuningReadPermission,
  ppSlaReadPermission,
  ppSubscriptionsReadPermission,
  ppTicketsReadPermission,
  ppUsersReadPermission,
} from '@internal/plugin-pp-common';

type Permission = typeof ppHealthReadPermission;

/** The places a person can go from home; an area shows only to those who may open it. */
export const WELCOME_AREAS: ReadonlyArray<{
  title: string;
  to: string;
  description: string;
  permission?: Permission;
}> = [
  {
    title: 'Health',
    to: '/pp/health',
    description: 'status, alerts, queues and logs of the 13 platform services',
    permission: ppHealthReadPermission,
  },
  {
    title: 'Helpdesk',
    to: '/pp/helpdesk',
    description: 'tickets, their SLA clocks and escalations',
    permission: ppTicketsReadPermission,
  },
  {
    title: 'Subscriptions',
    to: '/pp/subscriptions',
    description: 'customers’ subscriptions, their health scores and runs',
    permission: ppSubscriptionsReadPermission,
  },
  {
    title: 'Orchestration',
    to: '/pp/orchestration',
    description: 'new agents from request to production, and their upgrades',
    permission: ppAgentsReadPermission,
  },
  {
    title: 'SLA compliance',
    to: '/pp/sla',
    description: 'each agent’s SLA over the last 30 days, breaches and credits',
    permission: ppSlaReadPermission,
  },
  {
    title: 'Industry knowledge',
    to: '/pp/knowledge',
    description:
      'where the agents’ knowledge comes from, what changed, and retuning',
    // industry managers, agent orchestrators (its retuning proposals), admins and viewers
    permission: ppRetuningReadPermission,
  },
  {
    title: 'Users & roles',
    to: '/pp/users',
    description: 'people, agents, their roles and role requests',
    permission: ppUsersReadPermission,
  },
  {
    title: 'Services and agents',
    to: '/catalog',
    description: 'who owns what, with each service’s health and tickets',
  },
  {
    title: 'My access',
    to: '/pp/my-access',
    description: 'your roles, what they allow, and requesting another',
  },
];

const useStyles = makeStyles(theme => ({
  list: { margin: theme.spacing(1, 0, 0), paddingLeft: theme.spacing(2.5) },
  item: { marginBottom: theme.spacing(0.75) },
  // A plain router link in the theme's link colours (Material UI's Link warns under StrictMode).
  link: {
    color: theme.palette.link,
    fontWeight: 600,
    '&:hover': { color: theme.palette.linkHover },
  },
}));

const Allowed = (props: { permission?: Permission; children: ReactNode }) => {
  const { allowed, loading } = usePermission({
    permission: props.permission ?? ppHealthReadPermission,
  });
  if (!props.permission) return <>{props.children}</>;
  return !loading && allowed ? <>{props.children}</> : null;
};

/** The home page's "where to go" card: only the areas this person may open. */
export const WelcomeCard = () => {
  const classes = useStyles();
  return (
    <>
      <Typography variant="body1">
        WAOOAW's operations hub for the AI-agent marketplace. Where you can go:
      </Typography>
      <ul className={classes.list}>
        {WELCOME_AREAS.map(area => (
          <Allowed key={area.title} permission={area.permission}>
            <li className={classes.item}>
              <Typography variant="body2">
                <RouterLink href={area.to} className={classes.link}>
                  {area.title}
                </RouterLink>
                : {area.description}
              </Typography>
            </li>
          </Allowed>
        ))}
      </ul>
    </>
  );
};
