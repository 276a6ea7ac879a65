import { InfoCard } from '@backstage/core-components';
import { appThemeApiRef, useApi } from '@backstage/core-plugin-api';
import { UserSettingsPinToggle } from '@backstage/plugin-user-settings';
import {
  List,
  ListItem,
  ListItemSecondaryAction,
  ListItemText,
  Tooltip,
} from '@material-ui/core';
import { ToggleButton, ToggleButtonGroup } from '@material-ui/lab';
import { useEffect, useState } from 'react';

const AUTO = 'auto';

/**
 * The theme choice: Dark, White, Vibrant or Auto (the system's). Clicking the theme already
 * chosen keeps it (Backstage's own toggle treats that click as "none" and falls back to Auto).
 */
export const PpThemeToggle = () => {
  const appThemeApi = useApi(appThemeApiRef);
  const [activeThemeId, setActiveThemeId] = useState(
    appThemeApi.getActiveThemeId(),
  );
  useEffect(() => {
    const subscription = appThemeApi
      .activeThemeId$()
      .subscribe(id => setActiveThemeId(id));
    return () => subscription.unsubscribe();
  }, [appThemeApi]);
  const themes = appThemeApi.getInstalledThemes();
  const choose = (_event: unknown, value: string | null) => {
    if (value === null) return; // the chosen one, clicked again
    if (value === AUTO) appThemeApi.setActiveThemeId(undefined);
    else if (themes.some(t => t.id === value)) {
      appThemeApi.setActiveThemeId(value);
    }
  };
  return (
    <ListItem>
      <ListItemText primary="Theme" secondary="How the portal looks to you" />
      <ListItemSecondaryAction>
        <ToggleButtonGroup
          exclusive
          size="small"
          value={activeThemeId ?? AUTO}
          onChange={choose}
        >
          {themes.map(theme => (
            <ToggleButton key={theme.id} value={theme.id}>
              <Tooltip title={`Use the ${theme.title} theme`} arrow>
                <span>{theme.title}</span>
              </Tooltip>
            </ToggleButton>
          ))}
          <ToggleButton value={AUTO}>
            <Tooltip title="Follow your system's light or dark setting" arrow>
              <span>Auto</span>
            </Tooltip>
          </ToggleButton>
        </ToggleButtonGroup>
      </ListItemSecondaryAction>
    </ListItem>
  );
};

/** Settings → Appearance: the theme and whether the sidebar stays pinned. */
export const PpAppearanceCard = () => (
  <InfoCard title="Appearance" variant="gridItem">
    <List dense>
      <PpThemeToggle />
      <UserSettingsPinToggle />
    </List>
  </InfoCard>
);
