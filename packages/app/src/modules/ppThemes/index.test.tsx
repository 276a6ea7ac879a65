import { render } from '@testing-library/react';
import { useTheme } from '@material-ui/core';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import { ThemeBlueprint } from '@backstage/plugin-app-react';
import { ppThemeExtensions } from './index';

const themeOf = (extension: (typeof ppThemeExtensions)[number]) =>
  createExtensionTester(extension).get(ThemeBlueprint.dataRefs.theme);

describe('ppThemeExtensions', () => {
  it('registers the three themes for the Settings picker', () => {
    expect(
      ppThemeExtensions.map(extension => {
        const { id, title, variant, icon } = themeOf(extension);
        return { id, title, variant, hasIcon: Boolean(icon) };
      }),
    ).toEqual([
      { id: 'pp-dark', title: 'Dark', variant: 'dark', hasIcon: true },
      { id: 'pp-white', title: 'White', variant: 'light', hasIcon: true },
      { id: 'pp-vibrant', title: 'Vibrant', variant: 'light', hasIcon: true },
    ]);
  });

  it('provides the #0a0a0a page in Dark and marks the body for ppThemes.css', () => {
    const { Provider } = themeOf(ppThemeExtensions[0]);
    const PageBackground = () => <p>{useTheme().palette.background.default}</p>;
    const { getByText } = render(
      <Provider>
        <PageBackground />
      </Provider>,
    );
    // The browser check (computed rgb(10, 10, 10)) is e2e-tests/themes.test.ts.
    expect(getByText('#0a0a0a')).toBeInTheDocument();
    expect(document.body).toHaveAttribute('data-theme-name', 'pp-dark');
    expect(document.body).toHaveAttribute('data-theme-mode', 'dark');
  });
});
