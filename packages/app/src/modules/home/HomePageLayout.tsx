import { Fragment, useMemo } from 'react';
import { Container } from '@backstage/ui';
import { CustomHomepageGrid } from '@backstage/plugin-home';
import { HomePageLayoutProps } from '@backstage/plugin-home-react/alpha';
import { makeStyles, Typography } from '@material-ui/core';

// Twelve columns from the "md" breakpoint up. The grid's default gives "md" (960-1279px, i.e. most
// laptops once the sidebar is open) only ten, which pushes the right-hand column of the
// twelve-column layout in app-config.yaml below the welcome card.
const GRID_COLUMNS = { xl: 12, lg: 12, md: 12, sm: 6, xs: 4, xxs: 2 };

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
  };
});

/**
 * The home page: a Platform Portal banner over the widget grid (the plugin's default layout is
 * the bare grid). The widgets and their default places come from the home plugin and
 * app-config.yaml, as with the default layout.
 */
export const HomePageLayout = ({
  widgets,
  defaultConfig,
}: HomePageLayoutProps) => {
  const classes = useStyles();
  const config = useMemo(
    () =>
      defaultConfig?.map(item => ({
        component: item.component,
        x: item.column,
        y: item.row,
        width: item.width,
        height: item.height,
        movable: item.movable,
        deletable: item.deletable,
        resizable: item.resizable,
      })),
    [defaultConfig],
  );
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
      <CustomHomepageGrid config={config} cols={GRID_COLUMNS}>
        {widgets.map((widget, index) => (
          <Fragment key={widget.name ?? index}>{widget.component}</Fragment>
        ))}
      </CustomHomepageGrid>
    </Container>
  );
};
