import { fireEvent, screen } from '@testing-library/react';
import { appThemeApiRef } from '@backstage/core-plugin-api';
import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { PpThemeToggle } from './PpAppearanceCard';

function themeApi(initial: string | undefined) {
  let active = initial;
  const listeners = new Set<(id: string | undefined) => void>();
  return {
    getInstalledThemes: () => [
      { id: 'pp-dark', title: 'Dark', variant: 'dark' },
      { id: 'pp-white', title: 'White', variant: 'light' },
      { id: 'pp-vibrant', title: 'Vibrant', variant: 'light' },
    ],
    getActiveThemeId: () => active,
    setActiveThemeId: jest.fn((id: string | undefined) => {
      active = id;
      listeners.forEach(l => l(id));
    }),
    activeThemeId$: () => ({
      subscribe: (l: (id: string | undefined) => void) => {
        listeners.add(l);
        return { unsubscribe: () => listeners.delete(l) };
      },
      [Symbol.observable]() {
        return this;
      },
    }),
  };
}

describe('PpThemeToggle', () => {
  it('keeps the chosen theme when it is clicked again, and switches on another', async () => {
    const api = themeApi('pp-dark');
    await renderInTestApp(
      <TestApiProvider apis={[[appThemeApiRef, api as any]]}>
        <PpThemeToggle />
      </TestApiProvider>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Dark' }));
    expect(api.setActiveThemeId).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Dark' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    fireEvent.click(screen.getByRole('button', { name: 'White' }));
    expect(api.setActiveThemeId).toHaveBeenLastCalledWith('pp-white');
    fireEvent.click(screen.getByRole('button', { name: 'Auto' }));
    expect(api.setActiveThemeId).toHaveBeenLastCalledWith(undefined);
  });
});
