import { screen } from '@testing-library/react';
import {
  ROLES,
  mockKnowledgeApi,
  renderKnowledgeAt,
} from '../__testUtils__/render';

// someone with no knowledge role (e.g. a subscription manager)
describe('KnowledgePage (no knowledge role)', () => {
  it('says who may read industry knowledge and reads nothing', async () => {
    const api = mockKnowledgeApi();
    await renderKnowledgeAt(api, ROLES.nobody, '/');
    expect(
      await screen.findByText(
        'Industry knowledge is open to industry managers, admins and viewers. Ask an admin for one of these roles.',
      ),
    ).toBeInTheDocument();
    expect(api.listSources).not.toHaveBeenCalled();
  });
});
