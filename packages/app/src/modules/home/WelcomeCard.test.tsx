import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { WelcomeCard } from './WelcomeCard';

describe('WelcomeCard', () => {
  it('points at the catalog views and lists the Platform Portal areas', async () => {
    await renderInTestApp(<WelcomeCard />);

    const href = (name: string) =>
      decodeURI(screen.getByRole('link', { name }).getAttribute('href')!);
    expect(href('Microservices')).toBe(
      '/catalog?filters[kind]=component&filters[type]=service',
    );
    expect(href('AI agents')).toBe(
      '/catalog?filters[kind]=component&filters[type]=ai-agent',
    );
    expect(href('Teams')).toBe('/catalog?filters[kind]=group');

    for (const area of [
      'Subscriptions',
      'Agent orchestration',
      'SLA/OLA',
      'Industry knowledge',
    ]) {
      expect(screen.getByText(area)).toBeInTheDocument();
    }
    // Areas whose plugin has landed link to their page.
    expect(href('Users & roles · live')).toBe('/pp/users');
    expect(href('Health · live')).toBe('/pp/health');
    expect(href('Helpdesk · live')).toBe('/pp/helpdesk');
    expect(screen.queryByText(/backstage/i)).not.toBeInTheDocument();
  });
});
