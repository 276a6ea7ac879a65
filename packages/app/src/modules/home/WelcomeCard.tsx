import { ReactNode } from 'react';
import { RouterLink } from '@backstage/frontend-plugin-api';
import { Chip, makeStyles, Typography } from '@material-ui/core';

/** Catalog views the welcome card points at (the catalog's own filter query parameters). */
export const WELCOME_LINKS = [
  {
    title: 'Microservices',
    to: '/catalog?filters[kind]=component&filters[type]=service',
    description: 'the 13 monitored services of the marketplace',
  },
  {
    title: 'AI agents',
    to: '/catalog?filters[kind]=component&filters[type]=ai-agent',
    description: 'the Genesis validator and the marketplace agents',
  },
  {
    title: 'Teams',
    to: '/catalog?filters[kind]=group',
    description: 'who owns what',
  },
] as const;

/** The Platform Portal areas; each arrives as its own plugin (see the README's plugin table). */
export const PP_AREAS: ReadonlyArray<{
  title: string;
  /** The area's page, once its plugin has landed. */
  to?: string;
}> = [
  { title: 'Users & roles', to: '/pp/users' },
  { title: 'Health', to: '/pp/health' },
  { title: 'Helpdesk', to: '/pp/helpdesk' },
  { title: 'Subscriptions' },
  { title: 'Agent orchestration' },
  { title: 'SLA/OLA' },
  { title: 'Industry knowledge' },
];

const useStyles = makeStyles(theme => ({
  list: { margin: theme.spacing(1, 0, 2), paddingLeft: theme.spacing(2.5) },
  item: { marginBottom: theme.spacing(0.5) },
  // A plain router link in the theme's link colours (Material UI's Link warns under StrictMode).
  link: {
    color: theme.palette.link,
    '&:hover': { color: theme.palette.linkHover },
  },
  areas: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    marginTop: theme.spacing(1),
  },
}));

const Section = ({ children }: { children: ReactNode }) => (
  <Typography variant="subtitle2" component="h3">
    {children}
  </Typography>
);

/** The home page's "what is this portal" card. */
export const WelcomeCard = () => {
  const classes = useStyles();
  return (
    <>
      <Typography variant="body1" paragraph>
        <strong>WAOOAW's operations hub</strong> for the AI-agent marketplace:
        the platform's microservices, its AI agents and the people who run them,
        in one place. AI agents use the same functions through the{' '}
        <code>/pp/v1</code> API and MCP tools.
      </Typography>
      <Section>Start in the catalog</Section>
      <ul className={classes.list}>
        {WELCOME_LINKS.map(link => (
          <li key={link.title} className={classes.item}>
            <Typography variant="body2">
              <RouterLink href={link.to} className={classes.link}>
                {link.title}
              </RouterLink>
              : {link.description}
            </Typography>
          </li>
        ))}
      </ul>
      <Section>Areas</Section>
      <Typography variant="body2" color="textSecondary">
        Each area arrives as a Platform Portal plugin.
      </Typography>
      <div className={classes.areas}>
        {PP_AREAS.map(area =>
          area.to ? (
            <Chip
              key={area.title}
              size="small"
              component={RouterLink}
              href={area.to}
              label={`${area.title} · live`}
              color="primary"
            />
          ) : (
            <Chip
              key={area.title}
              size="small"
              label={area.title}
              variant="outlined"
            />
          ),
        )}
      </div>
    </>
  );
};
