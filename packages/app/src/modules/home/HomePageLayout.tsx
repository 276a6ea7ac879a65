import { ReactElement } from 'react';
import { Container } from '@backstage/ui';
import { HomePageLayoutProps } from '@backstage/plugin-home-react/alpha';
import { usePermission } from '@backstage/plugin-permission-react';
import { makeStyles, Typography } from '@material-ui/core';
import { ppHomeCards } from '@internal/plugin-pp-common';

const useStyles = makeStyles(theme => {
  // The page theme's gradient: each PP theme paints its home banner its own way.
  const pageTheme = theme.getPageTheme({ themeId: 'home' });
  return {
    banner: {
      backgroundImage: pageTheme.backgroundImage,
      backgroundSize: 'cover',
      backgroundPosition: 'center',
      color: pageTheme.fontColor,
      borderRadius: theme.shape.borderRadius * 2,
      padding: theme.spacing(3, 4),
      margin: theme.spacing(3, 0, 2),
    },
    subtitle: { opacity: 0.85 },
    wide: { marginBottom: theme.spacing(2) },
    // Cards flow into as many columns as fit; a card the person may not open leaves no hole.
    grid: {
      display: 'grid',
      gridTemplateColumns: 'repeat(auto-fill, minmax(340px, 1fr))',
      gap: theme.spacing(2),
      alignItems: 'stretch',
      paddingBottom: theme.spacing(4),
      '& > *': { minWidth: 0 },
    },
  };
});

/** Renders a card only for those the PP policy lets open what it shows. */
const Permitted = (props: {
  permission: (typeof ppHomeCards)[number]['permission'];
  children: ReactElement;
}) => {
  const { allowed, loading } = usePermission({
    permission: props.permission,
  });
  return !loading && allowed ? <div>{props.children}</div> : null;
};

/** Widgets spanning the page's width, above the cards. */
const WIDE = new Set(['HomePageSearchBar']);

/**
 * The home page: a Platform Portal banner, the search bar and the person's cards. Which cards a
 * person gets follows their roles: PP cards (ppHomeCards) show only to those allowed to open what
 * they show; any other widget (the welcome card) shows to everyone. Unlike the home plugin's
 * customizable grid there is nothing to edit or lay out: the cards are the person's, in the
 * table's order.
 */
export const HomePageLayout = ({ widgets }: HomePageLayoutProps) => {
  const classes = useStyles();
  const order = (name?: string) => {
    const i = ppHomeCards.findIndex(c => c.name === name);
    return i < 0 ? -1 : i;
  };
  const wide = widgets.filter(w => WIDE.has(w.name ?? ''));
  const cards = widgets
    .filter(w => !WIDE.has(w.name ?? ''))
    .sort((a, b) => order(a.name) - order(b.name));
  return (
    <Container>
      <header className={classes.banner}>
        <Typography variant="h3" component="h1">
          Platform Portal
        </Typography>
        <Typography variant="subtitle1" className={classes.subtitle}>
          WAOOAW's operations hub for the AI-agent marketplace
        </Typography>
      </header>
      {wide.map((w, i) => (
        <div key={w.name ?? i} className={classes.wide}>
          {w.component}
        </div>
      ))}
      <div className={classes.grid} data-testid="home-cards">
        {cards.map((w, i) => {
          const rule = ppHomeCards.find(c => c.name === w.name);
          const key = w.name ?? `widget-${i}`;
          return rule ? (
            <Permitted key={key} permission={rule.permission}>
              {w.component}
            </Permitted>
          ) : (
            <div key={key}>{w.component}</div>
          );
        })}
      </div>
    </Container>
  );
};
